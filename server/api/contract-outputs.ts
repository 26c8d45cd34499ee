// Response shapes the public contract fixes (../shared/docs/contract.md), as tRPC .output() schemas: a change to the
// domain types that would break a client fails type-checking here, and a response that does not fit fails loudly.
import { z } from 'zod';
import { COMMAND_STATUSES, COMMAND_TYPES, type CommandEventView, type CommandView } from '../domain/commands/command';
import { roleSchema } from '../domain/identity/roles';
import type { UserView } from '../domain/identity/user';
import type { RobotView } from '../domain/robot';

const epochMs = z.number();

const vdaError = z.object({
  errorType: z.string(),
  errorLevel: z.enum(['WARNING', 'FATAL']),
  errorDescription: z.string().optional(),
  errorReferences: z.array(z.object({ referenceKey: z.string(), referenceValue: z.string() })).optional(),
});

export const robotOutput = z.object({
  id: z.number().int(),
  manufacturer: z.string(),
  serialNumber: z.string(),
  name: z.string(),
  connection: z.enum(['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN', 'HIBERNATING']),
  pose: z.object({ x: z.number(), y: z.number(), theta: z.number(), mapId: z.string() }).nullable(),
  speed: z.number(),
  battery: z.number().nullable(),
  charging: z.boolean(),
  driving: z.boolean(),
  paused: z.boolean(),
  operatingMode: z.enum(['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL', 'SERVICE', 'TEACHIN', 'STARTUP', 'INTERVENED']).nullable(),
  errors: z.array(vdaError),
  orderId: z.string().nullable(),
  lastNodeId: z.string().nullable(),
  lastSeenAt: epochMs.nullable(),
  protocolVersion: z.string().nullable(),
  stale: z.boolean().optional(),
}) satisfies z.ZodType<RobotView>;

export const robotsOutput = z.array(robotOutput);

export const commandOutput = z.object({
  id: z.string(),
  robotId: z.number().int(),
  type: z.enum(COMMAND_TYPES),
  params: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string().nullable(),
  issuedBy: z.string(),
  issuedAt: epochMs,
  ttlMs: z.number(),
  priority: z.number(),
  status: z.enum(COMMAND_STATUSES),
  attempts: z.number().int(),
  queuedAt: epochMs.nullable(),
  dispatchedAt: epochMs.nullable(),
  acknowledgedAt: epochMs.nullable(),
  runningAt: epochMs.nullable(),
  finishedAt: epochMs.nullable(),
  outcome: z.string().nullable(),
  traceId: z.string(),
  actionId: z.string().nullable(),
  orderId: z.string().nullable(),
  batchId: z.string().nullable(),
  updatedAt: epochMs,
}) satisfies z.ZodType<CommandView>;

export const commandEventOutput = z.object({
  commandId: z.string(),
  seq: z.number().int(),
  from: z.enum(COMMAND_STATUSES).nullable(),
  to: z.enum(COMMAND_STATUSES),
  at: epochMs,
  detail: z.string().nullable(),
}) satisfies z.ZodType<CommandEventView>;

export const commandPageOutput = z.object({ items: z.array(commandOutput), nextCursor: z.string().nullable() });

export const userOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: epochMs,
  updatedAt: epochMs,
}) satisfies z.ZodType<UserView>;

// What a command to a robot is: its types, parameters, statuses and the shape the ledger stores and shows.
// Pure data shared by server and browser (types and zod schemas only, no I/O).
import { z } from 'zod';
import { epochMsSchema, robotIdSchema, seqCursorSchema } from '../input-bounds';

export const COMMAND_TYPES = [
  'pause',
  'resume',
  'cancelOrder',
  'goTo',
  'charge',
  'stopCharging',
  'initPosition',
  'stateRequest',
  'factsheetRequest',
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

export const COMMAND_STATUSES = [
  'requested',
  'queued',
  'dispatched',
  'acknowledged',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'expired',
  'timed_out',
  'rejected',
] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

export const FINAL_STATUSES: readonly CommandStatus[] = ['succeeded', 'failed', 'cancelled', 'expired', 'timed_out', 'rejected'];
export const isFinal = (s: CommandStatus): boolean => FINAL_STATUSES.includes(s);

/** Commands that stop or redirect a moving machine: the UI asks for confirmation first. */
export const DISRUPTIVE_TYPES: readonly CommandType[] = ['cancelOrder', 'goTo', 'charge', 'initPosition'];

export const DEFAULT_TTL_MS = 30_000;
export const MAX_TTL_MS = 24 * 3600_000;

const nodeId = z.string().min(1).max(200);
/** goTo: a map node id, or a named place (node id or place name, e.g. "dock-3" or "Dock 3"). */
export const goToParams = z.union([z.object({ nodeId }).strict(), z.object({ place: z.string().min(1).max(200) }).strict()]);
/** charge: the nearest free charger unless one is named. */
export const chargeParams = z.object({ chargerNodeId: nodeId.optional() }).strict();
/** Coordinates within 1,000 km of the map's origin: any real site, and no number a robot or planner chokes on. */
const metres = z
  .number()
  .min(-1e6, 'coordinates are within 1,000 km of the origin')
  .max(1e6, 'coordinates are within 1,000 km of the origin');
/** Radians, one turn either way (VDA 5050 uses -π…π; 0…2π is accepted too). */
const theta = z
  .number()
  .min(-2 * Math.PI, 'theta is in radians, -2π…2π')
  .max(2 * Math.PI, 'theta is in radians, -2π…2π');
/** initPosition: at a map node, or at explicit coordinates (metres, radians) with an optional last node. */
export const initPositionParams = z.union([
  z.object({ nodeId, theta: theta.optional() }).strict(),
  z.object({ x: metres, y: metres, theta, lastNodeId: nodeId.optional() }).strict(),
]);
const none = z.object({}).strict();

export const COMMAND_PARAMS = {
  pause: none,
  resume: none,
  cancelOrder: none,
  goTo: goToParams,
  charge: chargeParams,
  stopCharging: none,
  initPosition: initPositionParams,
  stateRequest: none,
  factsheetRequest: none,
} as const satisfies Record<CommandType, z.ZodType>;

export type CommandParams = { [K in CommandType]: z.infer<(typeof COMMAND_PARAMS)[K]> };

/** Input of commands.issue. */
export const issueCommandInput = z.object({
  robotId: robotIdSchema,
  type: z.enum(COMMAND_TYPES),
  params: z.record(z.string(), z.unknown()).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  ttlMs: z.number().int().min(1).max(MAX_TTL_MS).optional(),
});
export type IssueCommandInput = z.infer<typeof issueCommandInput>;

export const stopAllInput = z.object({ robotIds: z.array(robotIdSchema).min(1).max(10_000).optional() });

export const listCommandsInput = z.object({
  robotId: robotIdSchema.optional(),
  status: z.array(z.enum(COMMAND_STATUSES)).optional(),
  type: z.array(z.enum(COMMAND_TYPES)).optional(),
  issuedBy: z.string().max(200).optional(),
  from: epochMsSchema.optional(),
  to: epochMsSchema.optional(),
  /** The previous page's nextCursor. */
  cursor: seqCursorSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListCommandsInput = z.input<typeof listCommandsInput>;

/** One command as the ledger holds it (times are epoch ms; null until reached). */
export interface CommandView {
  id: string;
  robotId: number;
  type: CommandType;
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  issuedBy: string;
  issuedAt: number;
  ttlMs: number;
  /** stop-all commands jump the queue. */
  priority: number;
  status: CommandStatus;
  /** MQTT messages sent for it (first send and resends). */
  attempts: number;
  queuedAt: number | null;
  dispatchedAt: number | null;
  acknowledgedAt: number | null;
  runningAt: number | null;
  finishedAt: number | null;
  /** Why it ended as it did, in words (null while open, and for a plain success). */
  outcome: string | null;
  traceId: string;
  /** The VDA 5050 ids used on the wire: the actionId of an instant action, or the orderId of an order. */
  actionId: string | null;
  orderId: string | null;
  /** Commands created together (stop-all, a multi-robot batch) share one batch id. */
  batchId: string | null;
  updatedAt: number;
}

/** One row of a command's append-only history. */
export interface CommandEventView {
  commandId: string;
  seq: number;
  from: CommandStatus | null;
  to: CommandStatus;
  at: number;
  detail: string | null;
}

export interface CommandPage {
  items: CommandView[];
  nextCursor: string | null;
}

// The audit trail's vocabulary: who did what, to what, from where, and how it ended.
import { z } from 'zod';
import { epochMsSchema, seqCursorSchema } from '../input-bounds';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Actions recorded. `denied` entries carry the procedure or event that was refused in `target`. */
export const AUDIT_ACTIONS = [
  'login',
  'logout',
  'session.revoked',
  'command.issue',
  'command.stopAll',
  'command.cancel',
  'access',
  'socket.connect',
  'socket.event',
  'user.create',
  'user.update',
  'credential.create',
  'credential.update',
  'credential.delete',
  'mqtt.connect',
  'mqtt.publish',
  'mqtt.subscribe',
  'fault.inject',
  'fault.clear',
  'admin.bootstrap',
  /** Robots registered on first contact (or refused: rate or per-login cap), coalesced per manufacturer. */
  'robot.register',
  /** Alerts opened, escalated or resolved by the engine (actor `system`), and by people. */
  'alert.open',
  'alert.escalate',
  'alert.acknowledge',
  'alert.resolve',
  'alertRule.update',
  /** An operator took a zone or edge grant back from a robot. */
  'zone.revoke',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** The user's id when a signed-in person acted. */
  actorId?: string | null;
  /** Email of the person, `anonymous`, `system`, or an MQTT client (`mqtt:<username>`). */
  actor: string;
  action: AuditAction;
  target?: string | null;
  outcome: AuditOutcome;
  address?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditView extends Required<Omit<AuditEntry, 'detail'>> {
  seq: number;
  at: number;
  detail: Record<string, unknown> | null;
}

export const listAuditInput = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: epochMsSchema.optional(),
  to: epochMsSchema.optional(),
  /** The previous page's nextCursor. */
  cursor: seqCursorSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListAuditInput = z.input<typeof listAuditInput>;

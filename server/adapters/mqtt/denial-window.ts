// Coalesces repeated refusals of the broker so a misbehaving client cannot flood the audit log: the first refusal
// of a (client, action, topic) is reported at once; repeats within the window are counted and reported as one
// entry when it closes (the shared mechanism: domain/identity/refusal-window.ts).
import type { AuditEntry } from '../../domain/identity/audit';
import { createRefusalWindow, type Coalesced, type RefusalWindow } from '../../domain/identity/refusal-window';

export type MqttAction = 'mqtt.connect' | 'mqtt.publish' | 'mqtt.subscribe';

export interface MqttDenial {
  action: MqttAction;
  /** The CONNECT username; null when the client sent none. */
  username: string | null;
  clientId: string;
  address: string | null;
  /** Topic (publish) or filter (subscribe); null for a refused connect. */
  topic: string | null;
  reason: string;
}

export type ReportedDenial = MqttDenial & Coalesced;
export type DenialWindow = RefusalWindow<MqttDenial>;

export function createDenialWindow(o: {
  windowMs: number;
  now: () => number;
  emit: (d: ReportedDenial) => void;
  maxKeys?: number;
}): DenialWindow {
  return createRefusalWindow<MqttDenial>({
    ...o,
    keyOf: (d) => `${d.clientId}\u0000${d.action}\u0000${d.topic ?? ''}`,
    // Past the cap (a flood of distinct clients), all new keys of an action share one window.
    overflowKeyOf: (d) => d.action,
  });
}

/** A reported refusal as an audit entry: actor `mqtt:<username>` (or `mqtt:anonymous`), outcome denied. */
export function denialAuditEntry(d: ReportedDenial): AuditEntry {
  return {
    actor: `mqtt:${d.username ?? 'anonymous'}`,
    action: d.action,
    target: d.topic ?? d.clientId,
    outcome: 'denied',
    address: d.address,
    detail: {
      clientId: d.clientId,
      topic: d.topic,
      reason: d.reason,
      count: d.count,
      ...(d.count > 1 && { firstAt: d.firstAt, lastAt: d.lastAt }),
    },
  };
}

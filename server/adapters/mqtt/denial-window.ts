// Coalesces repeated refusals of the broker so a misbehaving client cannot flood the audit log: the first refusal
// of a (client, action, topic) is reported at once; repeats within the window are counted and reported as one
// entry when it closes (the window then stays open while repeats keep coming).
import type { AuditEntry } from '../../domain/identity/audit';

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

export interface ReportedDenial extends MqttDenial {
  /** Refusals this report stands for: 1 for the first, the number of repeats for a window's summary. */
  count: number;
  /** When the first and last of them happened (ms since the epoch). */
  firstAt: number;
  lastAt: number;
}

interface Window {
  until: number;
  repeats: number;
  firstAt: number;
  lastAt: number;
  last: MqttDenial;
}

export interface DenialWindow {
  report(d: MqttDenial): void;
  /** Reports the repeats of every window that has closed; call about once a second. */
  sweep(): void;
  /** Reports every pending repeat now (on shutdown). */
  flush(): void;
}

export function createDenialWindow(o: { windowMs: number; now: () => number; emit: (d: ReportedDenial) => void; maxKeys?: number }): DenialWindow {
  const open = new Map<string, Window>();
  const maxKeys = o.maxKeys ?? 10_000;
  const summary = (w: Window) => o.emit({ ...w.last, count: w.repeats, firstAt: w.firstAt, lastAt: w.lastAt });

  return {
    report(d) {
      const now = o.now();
      let key = `${d.clientId}\u0000${d.action}\u0000${d.topic ?? ''}`;
      // Past the cap (a flood of distinct clients), all new keys of an action share one window.
      if (!open.has(key) && open.size >= maxKeys) key = `\u0000overflow\u0000${d.action}`;
      const w = open.get(key);
      if (w && now < w.until) {
        if (w.repeats === 0) w.firstAt = now;
        w.repeats++;
        w.lastAt = now;
        w.last = d;
        return;
      }
      if (w && w.repeats > 0) {
        // Closed but not swept yet while repeats go on: as sweep() would, report them and keep the window open.
        summary(w);
        Object.assign(w, { until: now + o.windowMs, repeats: 1, firstAt: now, lastAt: now, last: d });
        return;
      }
      open.set(key, { until: now + o.windowMs, repeats: 0, firstAt: now, lastAt: now, last: d });
      o.emit({ ...d, count: 1, firstAt: now, lastAt: now });
    },
    sweep() {
      const now = o.now();
      for (const [key, w] of open) {
        if (now < w.until) continue;
        if (w.repeats === 0) {
          open.delete(key);
          continue;
        }
        summary(w);
        w.repeats = 0;
        w.until = now + o.windowMs;
      }
    },
    flush() {
      for (const w of open.values()) if (w.repeats > 0) summary(w);
      open.clear();
    },
  };
}

/** A reported refusal as an audit entry: actor `mqtt:<username>` (or `mqtt:anonymous`), outcome denied. */
export function denialAuditEntry(d: ReportedDenial): AuditEntry {
  return {
    actor: `mqtt:${d.username ?? 'anonymous'}`,
    action: d.action,
    target: d.topic ?? d.clientId,
    outcome: 'denied',
    address: d.address,
    detail: { clientId: d.clientId, topic: d.topic, reason: d.reason, count: d.count, ...(d.count > 1 && { firstAt: d.firstAt, lastAt: d.lastAt }) },
  };
}

// Admission of robots heard for the first time. A manufacturer-wide MQTT login may publish on any serial number
// of its manufacturer; before, each new serial became a permanent robot (300 made-up ones took seconds). Now a
// registration is: rate-limited per manufacturer (the scope of such a login; a robot's own login can only use its
// own serial) by a token bucket, capped per manufacturer (MAX_ROBOTS_PER_LOGIN), counted, and audited, coalesced
// into one entry per manufacturer and window (the first registration is reported at once).
import type { AuditEntry } from '../domain/identity/audit';
import { BoundedMap } from '../domain/bounded-map';
import type { Clock } from '../ports/clock';

export interface AdmissionLimits {
  /** Robots a manufacturer login may have registered, in all. */
  maxRobotsPerLogin: number;
  /** New robots at once per manufacturer (a whole fleet connecting), then `perSecond` on average. */
  burst: number;
  perSecond: number;
  /** Registrations and refusals of a manufacturer within this window make one audit entry. */
  auditWindowMs: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = { maxRobotsPerLogin: 5000, burst: 2500, perSecond: 50, auditWindowMs: 60_000 };

/** Manufacturers tracked at most (buckets and audit windows); the least recently seen go first. */
const MAX_MANUFACTURERS = 1000;
/** Serial numbers named in one audit entry, at most. */
const SERIALS_PER_ENTRY = 20;

export type Admission = { ok: true } | { ok: false; reason: string };

export interface RobotAdmission {
  /** May a new robot of `manufacturer` be registered now? `known` is how many robots it already has. */
  admit(manufacturer: string, serialNumber: string, known: number): Admission;
  /** A robot was registered (after `admit`). */
  registered(manufacturer: string, serialNumber: string): void;
  stats(): { registered: number; refusedRate: number; refusedCap: number; manufacturersTracked: number; manufacturersEvicted: number };
  /** Reports every open window now (on shutdown). */
  flush(): void;
  stop(): void;
}

interface Window {
  registered: number;
  refusedRate: number;
  refusedCap: number;
  serials: string[];
  refusedSerials: string[];
  firstAt: number;
  lastAt: number;
}

export function createRobotAdmission(deps: {
  clock: Clock;
  audit?: { record(e: AuditEntry): void } | null;
  limits?: Partial<AdmissionLimits>;
}): RobotAdmission {
  const limits = { ...DEFAULT_ADMISSION, ...deps.limits };
  const buckets = new BoundedMap<string, { tokens: number; at: number }>(MAX_MANUFACTURERS);
  const windows = new Map<string, Window>();
  const totals = { registered: 0, refusedRate: 0, refusedCap: 0 };
  /** Manufacturers whose first registration was already reported (bounded like the buckets). */
  const reported = new BoundedMap<string, true>(MAX_MANUFACTURERS);

  const take = (manufacturer: string): boolean => {
    const now = deps.clock.now();
    const b = buckets.getOrCreate(manufacturer, () => ({ tokens: limits.burst, at: now }));
    b.tokens = Math.min(limits.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * limits.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };

  const windowOf = (manufacturer: string): Window => {
    let w = windows.get(manufacturer);
    if (!w) {
      // Bounded by the number of manufacturers seen in one window; past the cap, report early rather than grow.
      if (windows.size >= MAX_MANUFACTURERS) flush();
      const now = deps.clock.now();
      windows.set(
        manufacturer,
        (w = { registered: 0, refusedRate: 0, refusedCap: 0, serials: [], refusedSerials: [], firstAt: now, lastAt: now }),
      );
    }
    w.lastAt = deps.clock.now();
    return w;
  };

  const emit = (manufacturer: string, w: Window) => {
    const common = { actor: 'system', action: 'robot.register' as const, target: manufacturer };
    const span = { firstAt: new Date(w.firstAt).toISOString(), lastAt: new Date(w.lastAt).toISOString() };
    if (w.registered > 0)
      deps.audit?.record({ ...common, outcome: 'ok', detail: { registered: w.registered, serialNumbers: w.serials, ...span } });
    if (w.refusedRate + w.refusedCap > 0)
      deps.audit?.record({
        ...common,
        outcome: 'denied',
        detail: {
          refusedRate: w.refusedRate,
          refusedCap: w.refusedCap,
          maxRobotsPerLogin: limits.maxRobotsPerLogin,
          perSecond: limits.perSecond,
          serialNumbers: w.refusedSerials,
          ...span,
        },
      });
  };

  function flush() {
    for (const [m, w] of windows) emit(m, w);
    windows.clear();
  }
  const timer = setInterval(flush, limits.auditWindowMs);
  timer.unref();

  return {
    admit(manufacturer, serialNumber, known) {
      let reason: string | null = null;
      if (known >= limits.maxRobotsPerLogin) {
        totals.refusedCap++;
        windowOf(manufacturer).refusedCap++;
        reason = `the manufacturer already has ${known} robots (MAX_ROBOTS_PER_LOGIN is ${limits.maxRobotsPerLogin})`;
      } else if (!take(manufacturer)) {
        totals.refusedRate++;
        windowOf(manufacturer).refusedRate++;
        reason = `more than ${limits.burst} new robots at once, or ${limits.perSecond}/s, for this manufacturer`;
      }
      if (reason === null) return { ok: true };
      const w = windowOf(manufacturer);
      if (w.refusedSerials.length < SERIALS_PER_ENTRY) w.refusedSerials.push(serialNumber);
      return { ok: false, reason };
    },
    registered(manufacturer, serialNumber) {
      totals.registered++;
      if (!reported.get(manufacturer)) {
        // The first new robot of a manufacturer since start is reported at once; the rest per window.
        reported.set(manufacturer, true);
        const now = deps.clock.now();
        return emit(manufacturer, {
          registered: 1,
          refusedRate: 0,
          refusedCap: 0,
          serials: [serialNumber],
          refusedSerials: [],
          firstAt: now,
          lastAt: now,
        });
      }
      const w = windowOf(manufacturer);
      w.registered++;
      if (w.serials.length < SERIALS_PER_ENTRY) w.serials.push(serialNumber);
    },
    stats: () => ({ ...totals, manufacturersTracked: buckets.size, manufacturersEvicted: buckets.evicted }),
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}

// The open commands held in memory, and the one way to change a command's status: `advance` walks the lifecycle
// (state-machine.ts) with one compare-and-set statement per write, one write at a time per command, and tells
// listeners once it has landed. Duplicate or stale robot reports find no path and change nothing, which is how
// the ledger deduplicates replies.
//
// A report of something that happened (the robot ran it, a send failed) is durable: if its write fails (database
// outage) it is kept and retried with backoff until it lands, never dropped. Reports that arrive meanwhile are
// coalesced into the command's one follow-up write, each step keeping its own time and history text, so the
// backlog is at most two writes per open command. A decision the caller can simply make again (dispatch, expiry,
// a sweeper's timeout, an operator's cancel) is not durable: its failed write rejects and is forgotten.
import type { Db } from '../../db/client';
import { getCommand, recordAttempts, transitionCommand, type CommandRecord } from '../../db/queries/commands';
import { isFinal, type CommandStatus, type CommandView } from '../domain/commands/command';
import { pathTo } from '../domain/commands/state-machine';
import type { Logger } from '../ports/logger';
import type { Clock } from '../ports/clock';

export interface AdvanceOptions {
  /** Only move when the command is (or, counting writes not yet landed, will be) in one of these. */
  onlyFrom?: readonly CommandStatus[];
  /** History text of the last step (intermediate steps say they were implied). */
  detail?: string | null;
  /** Outcome text stored with a final status. */
  outcome?: string | null;
  attempts?: number;
  wire?: unknown;
  /** Default true: retried until it lands. False: a failed write rejects and is not kept (the caller decides again). */
  durable?: boolean;
}

export interface BookOptions {
  /** Backoff of a failed durable write: first wait, doubling up to the cap. */
  retryFirstMs: number;
  retryMaxMs: number;
}

export const DEFAULT_BOOK: BookOptions = { retryFirstMs: 200, retryMaxMs: 5_000 };

/** A write refused because an earlier one of the same command is still waiting for the database. */
export class CommandWritePendingError extends Error {
  override readonly name = 'CommandWritePendingError';
}

export function toView(r: CommandRecord): CommandView {
  const { seq: _s, parentId: _p, wire: _w, ...view } = r;
  return view;
}

interface Step {
  status: CommandStatus;
  at: number;
  detail: string | null;
}

interface Write {
  /** From the command's confirmed status, in order. Empty: only `attempts` changes. */
  steps: Step[];
  outcome: string | null;
  attempts: number | undefined;
  wire: unknown;
  durable: boolean;
  queuedAt: number;
  waiters: { resolve: (r: CommandRecord | null) => void; reject: (e: Error) => void }[];
}

interface Slot {
  current: Write;
  next: Write | null;
  failures: number;
}

const IMPLIED = (target: CommandStatus) => `implied by the robot's report (${target})`;
/** An error as one short line: the driver's own message, never the whole query a wrapper adds (issue 12). */
export function writeErrorText(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } } | null;
  const msg = e?.message?.startsWith('Failed query') && e.cause?.message ? e.cause.message : String(e?.message ?? err);
  return msg.replace(/\s+/g, ' ').slice(0, 300);
}
const short = writeErrorText;

export function createCommandBook(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  options?: Partial<BookOptions>;
  sleep?: (ms: number) => Promise<void>;
}) {
  const o: BookOptions = { ...DEFAULT_BOOK, ...deps.options };
  const log = deps.logger.child({ component: 'command-ledger' });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref()));
  const open = new Map<string, CommandRecord>();
  const slots = new Map<string, Slot>();
  const listeners = new Set<(c: CommandView) => void>();
  const counts = {
    transitions: 0,
    staleReports: 0,
    casMisses: 0,
    writeFailures: 0,
    writesRetried: 0,
    writesLandedLate: 0,
    writesAbandoned: 0,
  };
  let lastWriteError: string | null = null;
  let lastLoggedAt = -Infinity;
  let stopped = false;

  const emit = (r: CommandRecord) => {
    for (const l of listeners) {
      try {
        l(toView(r));
      } catch (err) {
        log.error({ err: short(err) }, 'command listener failed');
      }
    }
  };

  const keep = (r: CommandRecord) => {
    if (isFinal(r.status)) open.delete(r.id);
    else open.set(r.id, r);
  };

  const lastOf = (w: Write | null | undefined): CommandStatus | undefined =>
    w && w.steps.length > 0 ? w.steps[w.steps.length - 1]!.status : undefined;
  /** Where the command will be once its pending writes land. */
  const expected = (cur: CommandRecord, slot: Slot | undefined): CommandStatus => lastOf(slot?.next) ?? lastOf(slot?.current) ?? cur.status;
  const expectedAttempts = (cur: CommandRecord, slot: Slot | undefined) =>
    Math.max(cur.attempts, slot?.current.attempts ?? 0, slot?.next?.attempts ?? 0);

  /** `b` appended to `a` (b starts where a ends). */
  function fold(a: Write, b: Write): Write {
    return {
      steps: [...a.steps, ...b.steps],
      outcome: b.outcome ?? a.outcome,
      attempts: Math.max(a.attempts ?? 0, b.attempts ?? 0) || undefined,
      wire: b.wire !== undefined ? b.wire : a.wire,
      durable: a.durable || b.durable,
      queuedAt: a.queuedAt,
      waiters: [...a.waiters, ...b.waiters],
    };
  }

  /** The write's steps re-walked from the status the database holds (another instance may have moved it). */
  function rebase(cur: CommandRecord, w: Write): Write | null {
    const target = lastOf(w);
    if (target === undefined) return w;
    const path = pathTo(cur.status, target);
    if (!path || path.length === 0) return null;
    const byStatus = new Map(w.steps.map((s) => [s.status, s]));
    const last = w.steps[w.steps.length - 1]!;
    return { ...w, steps: path.map((status) => byStatus.get(status) ?? { status, at: last.at, detail: IMPLIED(target) }) };
  }

  async function writeOnce(id: string, from: CommandStatus, w: Write): Promise<CommandRecord | null> {
    if (w.steps.length === 0) return recordAttempts(deps.db, id, w.attempts ?? 0, deps.clock.now());
    const last = w.steps[w.steps.length - 1]!;
    const r = await transitionCommand(deps.db, {
      id,
      from,
      to: last.status,
      via: w.steps.slice(0, -1).map((s) => s.status),
      at: last.at,
      stepAts: w.steps.map((s) => s.at),
      stepDetails: w.steps.map((s) => s.detail),
      detail: last.detail,
      outcome: w.outcome,
      attempts: w.attempts,
      wire: w.wire,
    });
    if (r) {
      counts.transitions += w.steps.length;
      return r;
    }
    // Someone else moved it (another app instance, or our own earlier attempt whose reply was lost): believe the database.
    counts.casMisses++;
    const fresh = await getCommand(deps.db, id);
    log.warn({ id, expected: from, actual: fresh?.status }, 'command changed under the ledger; reloaded');
    return fresh;
  }

  function noteFailure(id: string, err: unknown, slot: Slot) {
    counts.writeFailures++;
    lastWriteError = short(err);
    const now = deps.clock.now();
    if (now - lastLoggedAt > 5_000) {
      lastLoggedAt = now;
      log.warn({ id, failures: slot.failures, pending: slots.size, err: lastWriteError }, 'command status write failed; kept and retried');
    }
  }

  /** Writes the slot's current write until it lands (durable) or fails once (not durable), then the next one. */
  async function drain(id: string, slot: Slot): Promise<void> {
    for (;;) {
      const cur = open.get(id);
      const w = cur ? rebase(cur, slot.current) : null;
      let landed: CommandRecord | null = cur ?? null;
      if (cur && w) {
        try {
          landed = await writeOnce(id, cur.status, w);
          if (slot.failures > 0) counts.writesLandedLate++;
          slot.failures = 0;
        } catch (err) {
          slot.failures++;
          noteFailure(id, err, slot);
          if (!slot.current.durable || stopped) {
            if (slot.current.durable) counts.writesAbandoned++;
            for (const x of slot.current.waiters) x.reject(err as Error);
            if (!slot.next) break;
            slot.current = slot.next;
            slot.next = null;
            continue;
          }
          // Everything reported since joins this write: one statement when the database is back.
          if (slot.next) slot.current = fold(slot.current, slot.next);
          slot.next = null;
          counts.writesRetried++;
          await sleep(Math.min(o.retryMaxMs, o.retryFirstMs * 2 ** Math.min(slot.failures - 1, 16)) * (0.75 + Math.random() / 2));
          continue;
        }
        if (landed) keep(landed), emit(landed);
        else open.delete(id);
      } else if (cur && slot.current.steps.length > 0) counts.staleReports++;
      for (const x of slot.current.waiters) x.resolve(landed);
      if (!slot.next) break;
      slot.current = slot.next;
      slot.next = null;
    }
    slots.delete(id);
  }

  function advance(id: string, target: CommandStatus, opt: AdvanceOptions = {}): Promise<CommandRecord | null> {
    const cur = open.get(id);
    if (!cur) return Promise.resolve(null);
    const slot = slots.get(id);
    const from = expected(cur, slot);
    if (opt.onlyFrom && !opt.onlyFrom.includes(from)) return Promise.resolve(cur);
    const path = pathTo(from, target);
    if (!path) {
      counts.staleReports++;
      return Promise.resolve(cur);
    }
    const moreAttempts = opt.attempts !== undefined && opt.attempts > expectedAttempts(cur, slot);
    if (path.length === 0 && !moreAttempts) return Promise.resolve(cur);
    const durable = opt.durable !== false;
    if (slot && !durable)
      return Promise.reject(new CommandWritePendingError(`command ${id} has a status change still waiting for the database`));
    const now = deps.clock.now();
    const steps = path.map((status, i) => ({ status, at: now, detail: i === path.length - 1 ? (opt.detail ?? null) : IMPLIED(target) }));
    return new Promise<CommandRecord | null>((resolve, reject) => {
      const w: Write = {
        steps,
        outcome: opt.outcome ?? null,
        attempts: opt.attempts,
        wire: opt.wire,
        durable,
        queuedAt: now,
        waiters: [{ resolve, reject }],
      };
      if (!slot) {
        const s: Slot = { current: w, next: null, failures: 0 };
        slots.set(id, s);
        void drain(id, s);
      } else slot.next = slot.next ? fold(slot.next, w) : w;
    });
  }

  return {
    get: (id: string) => open.get(id),
    open: () => [...open.values()],
    /** True while a status change of this command has not landed: sweepers must not decide over it. */
    pending: (id: string) => slots.has(id),
    /** A command just recorded (or loaded at start). */
    add(r: CommandRecord) {
      keep(r);
      emit(r);
    },
    advance,
    onChange(l: (c: CommandView) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    stats() {
      const now = deps.clock.now();
      let retrying = 0;
      let oldest: number | null = null;
      for (const s of slots.values()) {
        if (s.failures > 0) retrying++;
        oldest = oldest === null ? s.current.queuedAt : Math.min(oldest, s.current.queuedAt);
      }
      return {
        open: open.size,
        ...counts,
        pendingWrites: slots.size,
        retryingWrites: retrying,
        oldestPendingWriteMs: oldest === null ? 0 : now - oldest,
        lastWriteError,
      };
    },
    /** Waits up to `waitMs` for pending writes to land, then stops retrying (what is left is logged, and counted). */
    async stop(waitMs = 2_000) {
      const until = Date.now() + waitMs;
      while (slots.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      stopped = true;
      if (slots.size > 0)
        log.error(
          { pending: slots.size, lastWriteError },
          'stopping with command status changes not written; the robots will report them again after the restart',
        );
    },
  };
}

export type CommandBook = ReturnType<typeof createCommandBook>;

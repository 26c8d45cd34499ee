// The open commands held in memory, and the one way to change a command's status: `advance` walks the lifecycle
// (state-machine.ts) with one compare-and-set statement per step, serialised per command, and tells listeners.
// Duplicate or stale robot reports find no path and change nothing, which is how the ledger deduplicates replies.
import type { Db } from '../../db/client';
import { getCommand, transitionCommand, recordAttempts, type CommandRecord } from '../../db/queries/commands';
import { isFinal, type CommandStatus, type CommandView } from '../domain/commands/command';
import { pathTo } from '../domain/commands/state-machine';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';

export interface AdvanceOptions {
  /** Only move when the command is currently in one of these (e.g. timed_out only from dispatched). */
  onlyFrom?: readonly CommandStatus[];
  /** History text of the last step (intermediate steps say they were implied). */
  detail?: string | null;
  /** Outcome text stored with a final status. */
  outcome?: string | null;
  attempts?: number;
  wire?: unknown;
}

export function toView(r: CommandRecord): CommandView {
  const { seq: _s, parentId: _p, wire: _w, ...view } = r;
  return view;
}

export function createCommandBook(deps: { db: Db; clock: Clock; logger: Logger }) {
  const log = deps.logger.child({ component: 'command-ledger' });
  const open = new Map<string, CommandRecord>();
  const locks = new Map<string, Promise<unknown>>();
  const listeners = new Set<(c: CommandView) => void>();
  const counts = { transitions: 0, staleReports: 0, casMisses: 0 };

  const emit = (r: CommandRecord) => {
    for (const l of listeners) {
      try {
        l(toView(r));
      } catch (err) {
        log.error({ err: (err as Error).message }, 'command listener failed');
      }
    }
  };

  const keep = (r: CommandRecord) => {
    if (isFinal(r.status)) open.delete(r.id);
    else open.set(r.id, r);
  };

  /** Runs `fn` after every earlier task for the same command: transitions of one command never interleave. */
  function serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = locks.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    locks.set(id, tail);
    void tail.then(() => locks.get(id) === tail && locks.delete(id));
    return next;
  }

  async function advance(id: string, target: CommandStatus, o: AdvanceOptions = {}): Promise<CommandRecord | null> {
    return serial(id, async () => {
      let cur = open.get(id);
      if (!cur) return null;
      if (o.onlyFrom && !o.onlyFrom.includes(cur.status)) return cur;
      const path = pathTo(cur.status, target);
      if (!path) {
        counts.staleReports++;
        return cur;
      }
      if (path.length === 0 && o.attempts !== undefined && o.attempts > cur.attempts) {
        const r = await recordAttempts(deps.db, id, o.attempts, deps.clock.now());
        if (r) (keep(r), emit(r));
        return r;
      }
      if (path.length === 0) return cur;
      // The whole path in one statement (implied steps get their own history rows).
      const r = await transitionCommand(deps.db, {
        id,
        from: cur.status,
        to: target,
        via: path.slice(0, -1),
        viaDetail: `implied by the robot's report (${target})`,
        at: deps.clock.now(),
        detail: o.detail ?? null,
        outcome: o.outcome ?? null,
        attempts: o.attempts,
        wire: o.wire,
      });
      if (!r) {
        // Someone else moved it (another app instance, or a bug): believe the database.
        counts.casMisses++;
        const fresh = await getCommand(deps.db, id);
        log.warn({ id, expected: cur.status, actual: fresh?.status }, 'command changed under the ledger; reloaded');
        if (fresh) (keep(fresh), emit(fresh));
        return fresh;
      }
      counts.transitions += path.length;
      cur = r;
      keep(r);
      emit(r);
      return cur;
    });
  }

  return {
    get: (id: string) => open.get(id),
    open: () => [...open.values()],
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
    stats: () => ({ open: open.size, ...counts }),
  };
}

export type CommandBook = ReturnType<typeof createCommandBook>;

// Pushes command status changes to every viewer: changes are collected and sent as one `commands:update` batch per
// tick (the latest view of each command), never one emit per transition.
import type { CommandView } from '../../domain/commands/command';
import type { CommandLedger } from '../../ports/command-ledger';
import type { FleetIo } from './socketio';

export function createCommandFeed(deps: {
  io: FleetIo;
  ledger: Pick<CommandLedger, 'onChange'>;
  tickMs?: number;
  onSent?: (c: CommandView) => void;
}) {
  const pending = new Map<string, CommandView>();
  let sent = 0;
  const off = deps.ledger.onChange((c) => pending.set(c.id, c));
  const timer = setInterval(() => {
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    // To every viewer of every node: a command changes on one node only (the one whose ledger issued it), so with
    // REDIS_URL the adapter carries each change once to the viewers of the others (redis-adapter.ts).
    deps.io.emit('commands:update', batch);
    sent += batch.length;
    if (deps.onSent) for (const c of batch) deps.onSent(c);
  }, deps.tickMs ?? 50);
  timer.unref();
  return {
    stats: () => ({ updatesSent: sent, pending: pending.size }),
    stop() {
      clearInterval(timer);
      off();
    },
  };
}

// Pushes alerts to every viewer: the unresolved ones as a snapshot when a socket connects (and after a reconnect,
// which is a new connection), then changes batched per tick with the bell's counts, never one emit per change.
import type { AlertView } from '../../domain/alerts/alert';
import { severityRank } from '../../domain/alerts/lifecycle';
import type { AlertCenter } from '../../ports/alert-center';
import type { FleetIo } from './socketio';

/** Most alerts a snapshot carries (the most severe, then the newest): a reconnect storm with thousands of alerts
 * open must not cost megabytes per socket. The counts are always whole; /alerts pages the rest through alerts.list. */
export const SNAPSHOT_ALERTS = 1_000;

export function snapshotOf(unresolved: AlertView[]): AlertView[] {
  if (unresolved.length <= SNAPSHOT_ALERTS) return unresolved;
  return unresolved
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.openedAt - a.openedAt)
    .slice(0, SNAPSHOT_ALERTS);
}

export function createAlertFeed(deps: { io: FleetIo; alerts: Pick<AlertCenter, 'onChange' | 'unresolved' | 'counts'>; tickMs?: number }) {
  const pending = new Map<string, AlertView>();
  let sent = 0;
  let snapshots = 0;
  const onConnection = (socket: { emit: FleetIo['emit'] }) => {
    socket.emit('alerts:snapshot', { alerts: snapshotOf(deps.alerts.unresolved()), counts: deps.alerts.counts() });
    snapshots++;
  };
  deps.io.on('connection', onConnection);
  const off = deps.alerts.onChange((a) => pending.set(a.id, a));
  const timer = setInterval(() => {
    if (pending.size === 0) return;
    const alerts = [...pending.values()];
    pending.clear();
    // This node's alert center to this node's viewers (with REDIS_URL every node sends its own: redis-adapter.ts).
    deps.io.local.emit('alerts:update', { alerts, counts: deps.alerts.counts() });
    sent += alerts.length;
  }, deps.tickMs ?? 250);
  timer.unref();
  return {
    stats: () => ({ updatesSent: sent, snapshotsSent: snapshots, pending: pending.size }),
    stop() {
      clearInterval(timer);
      off();
      deps.io.off('connection', onConnection);
    },
  };
}

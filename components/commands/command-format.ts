// How commands read to an operator: labels, parameter summaries, status tones and lifecycle timings (pure).
import { isFinal, type CommandStatus, type CommandType, type CommandView } from '@/server/domain/commands/command';
import type { Tone } from '@/components/ui/toast-store';

export type { Tone };

export const COMMAND_LABEL: Record<CommandType, string> = {
  pause: 'Pause',
  resume: 'Resume',
  cancelOrder: 'Cancel order',
  goTo: 'Go to…',
  charge: 'Charge',
  stopCharging: 'Stop charging',
  initPosition: 'Re-initialise position…',
  stateRequest: 'Request state',
  factsheetRequest: 'Request factsheet',
};

/** Short names for tables and toasts (no ellipsis). */
export const COMMAND_NAME: Record<CommandType, string> = {
  pause: 'Pause',
  resume: 'Resume',
  cancelOrder: 'Cancel order',
  goTo: 'Go to',
  charge: 'Charge',
  stopCharging: 'Stop charging',
  initPosition: 'Re-init position',
  stateRequest: 'State request',
  factsheetRequest: 'Factsheet request',
};

export const STATUS_TEXT: Record<CommandStatus, string> = {
  requested: 'requested',
  queued: 'queued',
  dispatched: 'dispatched',
  acknowledged: 'acknowledged',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  expired: 'expired',
  timed_out: 'timed out',
  rejected: 'rejected',
};

export function statusTone(s: CommandStatus): Tone {
  if (s === 'succeeded') return 'ok';
  if (s === 'failed' || s === 'rejected' || s === 'timed_out') return 'bad';
  if (s === 'cancelled' || s === 'expired') return 'warn';
  return 'open';
}

/** "Dock 3", "node n-12", "x 3.0, y 4.5, 90°" …; empty for commands without parameters. */
export function paramsSummary(type: CommandType, params: Record<string, unknown>): string {
  const str = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : undefined);
  const num = (k: string) => (typeof params[k] === 'number' ? (params[k] as number) : undefined);
  if (type === 'goTo') return str('place') ?? (str('nodeId') ? `node ${str('nodeId')}` : '');
  if (type === 'charge') return str('chargerNodeId') ? `charger ${str('chargerNodeId')}` : 'nearest free charger';
  if (type === 'initPosition') {
    if (str('nodeId')) return `at node ${str('nodeId')}`;
    const x = num('x');
    const y = num('y');
    const theta = num('theta');
    if (x === undefined || y === undefined) return '';
    return `x ${x.toFixed(1)}, y ${y.toFixed(1)}${theta === undefined ? '' : `, ${Math.round((theta * 180) / Math.PI)}°`}`;
  }
  return '';
}

/** Milliseconds between two lifecycle points as "+120 ms" / "+2.4 s"; "—" when either is missing. */
export function formatDelta(from: number | null, to: number | null): string {
  if (from === null || to === null) return '—';
  const ms = Math.max(0, to - from);
  if (ms < 1000) return `+${Math.round(ms)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `+${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export interface Timings {
  dispatched: string;
  acknowledged: string;
  done: string;
}

/** issued → dispatched → acknowledged → done, each as the delta from the previous point reached. */
export function lifecycleTimings(c: Pick<CommandView, 'issuedAt' | 'dispatchedAt' | 'acknowledgedAt' | 'finishedAt'>): Timings {
  const ack = c.acknowledgedAt;
  return {
    dispatched: formatDelta(c.issuedAt, c.dispatchedAt),
    acknowledged: formatDelta(c.dispatchedAt ?? c.issuedAt, ack),
    done: formatDelta(ack ?? c.dispatchedAt ?? c.issuedAt, c.finishedAt),
  };
}

export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export const isOpen = (c: Pick<CommandView, 'status'>): boolean => !isFinal(c.status);

// The level and the one-line text a person reads for each timeline event, from its kind and detail. Robot names
// are the UI's business; the summary says what happened, never which robot. Detail is untrusted JSON: every field
// is read defensively and texts are cut short.
import type { HistoryEventKind, HistoryEventLevel } from './history/history-event';

type Detail = Record<string, unknown>;

const MAX_SUMMARY = 160;

const text = (d: Detail, k: string): string | null => {
  const v = d[k];
  if (typeof v === 'string' && v !== '') return v.length > 60 ? `${v.slice(0, 59)}…` : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
};
const num = (d: Detail, k: string): number | null => (typeof d[k] === 'number' && Number.isFinite(d[k]) ? (d[k] as number) : null);
const pct = (d: Detail) => (num(d, 'battery') === null ? '' : ` at ${Math.round(num(d, 'battery')!)} %`);
const times = (n: number | null) => (n !== null && n > 1 ? ` (${n}×)` : '');

const ERROR_LEVELS: Record<string, HistoryEventLevel> = { FATAL: 'error', WARNING: 'warning' };
const ALERT_LEVELS: Record<string, HistoryEventLevel> = { critical: 'error', warning: 'warning', info: 'info' };
const FAILED_COMMANDS = new Set(['failed', 'expired', 'timed_out', 'rejected']);

export function describeEvent(kind: HistoryEventKind, d: Detail): { level: HistoryEventLevel; summary: string } {
  const [level, summary] = levelAndText(kind, d);
  return { level, summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary };
}

function levelAndText(kind: HistoryEventKind, d: Detail): [HistoryEventLevel, string] {
  switch (kind) {
    case 'connection': {
      const to = text(d, 'to') ?? '?';
      const why = text(d, 'reason') === 'silent' ? ' (went silent)' : '';
      return [to === 'ONLINE' ? 'info' : 'warning', `Connection ${text(d, 'from') ?? '?'} → ${to}${why}`];
    }
    case 'stale':
      return ['warning', 'Stopped reporting (stale)'];
    case 'stale_cleared':
      return ['info', 'Reporting again'];
    case 'mode_changed':
      return ['info', `Operating mode ${text(d, 'from') ?? '—'} → ${text(d, 'to') ?? '—'}`];
    case 'driving_started':
      return ['info', 'Started driving'];
    case 'driving_stopped':
      return ['info', 'Stopped driving'];
    case 'paused':
      return ['warning', 'Paused'];
    case 'resumed':
      return ['info', 'Resumed'];
    case 'charging_started':
      return ['info', `Charging started${pct(d)}`];
    case 'charging_stopped':
      return ['info', `Charging stopped${pct(d)}`];
    case 'error_raised':
      return [
        ERROR_LEVELS[text(d, 'errorLevel') ?? ''] ?? 'warning',
        `Error raised: ${text(d, 'errorType') ?? '?'} (${text(d, 'errorLevel') ?? '?'})`,
      ];
    case 'error_cleared':
      return ['info', `Error cleared: ${text(d, 'errorType') ?? '?'}`];
    case 'battery_low':
      return ['warning', `Battery low${pct(d)}`];
    case 'battery_recovered':
      return ['info', `Battery recovered${pct(d)}`];
    case 'order_accepted':
      return ['info', `Order ${text(d, 'orderId') ?? '?'} accepted (${num(d, 'nodes') ?? 0} nodes)`];
    case 'order_updated':
      return ['info', `Order ${text(d, 'orderId') ?? '?'} updated to #${text(d, 'orderUpdateId') ?? '?'}`];
    case 'order_finished':
      return ['info', `Order ${text(d, 'orderId') ?? '?'} finished`];
    case 'order_failed': {
      const reason = text(d, 'reason') ?? 'failed';
      const verb =
        reason === 'cancelled'
          ? 'cancelled'
          : reason === 'actionFailed'
            ? `failed: action ${text(d, 'actionType') ?? ''} failed`
            : `failed: ${reason}`;
      return [reason === 'cancelled' ? 'warning' : 'error', `Order ${text(d, 'orderId') ?? '?'} ${verb}`.replace(/\s+/g, ' ')];
    }
    case 'node_reached':
      return [
        'info',
        `Reached node ${text(d, 'nodeId') ?? '?'}${num(d, 'suppressed') ? ` (${num(d, 'suppressed')} nodes before it not listed)` : ''}`,
      ];
    case 'action_state': {
      const to = text(d, 'to') ?? '?';
      return [to === 'FAILED' ? 'error' : 'info', `Action ${text(d, 'actionType') ?? text(d, 'actionId') ?? '?'} ${to.toLowerCase()}`];
    }
    case 'command_issued':
      return ['info', `Command ${text(d, 'type') ?? '?'} issued by ${text(d, 'issuedBy') ?? '?'}`];
    case 'command_finished': {
      const status = text(d, 'status') ?? '?';
      const why = text(d, 'outcome');
      const level: HistoryEventLevel = FAILED_COMMANDS.has(status) ? 'error' : status === 'cancelled' ? 'warning' : 'info';
      return [level, `Command ${text(d, 'type') ?? '?'} ${status}${why ? `: ${why}` : ''}`];
    }
    case 'fault_injected':
      return ['warning', `Fault injected: ${text(d, 'kind') ?? '?'}`];
    case 'fault_cleared':
      return ['info', `Fault cleared: ${text(d, 'fault') ?? '?'}`];
    case 'protocol_violation': {
      const where = text(d, 'path');
      return ['warning', `Invalid message${times(num(d, 'count'))}: ${text(d, 'reason') ?? '?'}${where ? ` at ${where}` : ''}`];
    }
    case 'header_gap':
      return ['warning', `${num(d, 'lost') ?? '?'} messages lost (headerId gaps${times(num(d, 'count'))})`];
    case 'zone_request': {
      const decision = text(d, 'decision') ?? '?';
      const what = `${text(d, 'kind') === 'edge' ? 'Edge' : 'Zone'} ${text(d, 'resource') ?? '?'}`;
      const level: HistoryEventLevel = decision === 'REJECTED' || decision === 'REVOKED' || decision === 'EXPIRED' ? 'warning' : 'info';
      const why = text(d, 'reason');
      return [level, `${what}: ${decision.toLowerCase()}${why ? ` (${why})` : ''}`];
    }
    case 'alert_opened':
      return [ALERT_LEVELS[text(d, 'severity') ?? ''] ?? 'warning', `Alert: ${text(d, 'title') ?? text(d, 'ruleId') ?? '?'}`];
    case 'alert_resolved':
      return ['info', `Alert resolved: ${text(d, 'title') ?? text(d, 'ruleId') ?? '?'}`];
  }
}

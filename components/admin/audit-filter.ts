// The audit page's filters and header sort: the form as the URL holds it (?actor=&action=&outcome=&from=&to=&sort=
// &dir=, so a reload or a shared link keeps them), the audit.list input it stands for, the CSV export link with the
// same filters, and the loaded rows in the header's order.
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from '@/server/domain/identity/audit';
import { isFiltered, type ListSpec, type ListState, type SortDir, type SortValue, sortRows } from '@/components/ui/list-query';
import type { AuditRowView } from './admin-types';

export const AUDIT_SORTS = ['time', 'actor', 'action', 'target', 'outcome', 'address'] as const;
type AuditSort = (typeof AUDIT_SORTS)[number];

/** from and to are datetime-local values ("2026-11-28T06:20"), local time. The server's order: newest first. */
export const AUDIT_LIST: ListSpec<'actor' | 'action' | 'outcome' | 'from' | 'to' | 'sort' | 'dir'> = {
  defaults: { actor: '', action: '', outcome: '', from: '', to: '', sort: 'time', dir: 'desc' },
  allowed: { action: AUDIT_ACTIONS, outcome: AUDIT_OUTCOMES, sort: AUDIT_SORTS },
};
export type AuditFilterForm = ListState<keyof typeof AUDIT_LIST.defaults>;
export const EMPTY_AUDIT_FILTER: AuditFilterForm = { ...AUDIT_LIST.defaults };
export const AUDIT_FILTERS = ['actor', 'action', 'outcome', 'from', 'to'] as const;

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  from?: number;
  to?: number;
}

const localMs = (v: string): number | undefined => {
  if (!v) return undefined;
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) ? ms : undefined;
};

export function toAuditFilter(f: AuditFilterForm): AuditFilter {
  const actor = f.actor.trim();
  const action = AUDIT_ACTIONS.find((a) => a === f.action);
  const outcome = AUDIT_OUTCOMES.find((o) => o === f.outcome);
  const from = localMs(f.from);
  const to = localMs(f.to);
  return {
    ...(actor && { actor }),
    ...(action && { action }),
    ...(outcome && { outcome }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
  };
}

export const isAuditFiltered = (f: AuditFilterForm) => isFiltered(f, AUDIT_LIST, AUDIT_FILTERS);

/** GET /api/audit.csv with the same filters (times as epoch milliseconds). */
export function auditCsvHref(filter: AuditFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `/api/audit.csv?${s}` : '/api/audit.csv';
}

export const AUDIT_FIRST_DIR: Record<AuditSort, SortDir> = {
  time: 'desc',
  actor: 'asc',
  action: 'asc',
  target: 'asc',
  outcome: 'asc',
  address: 'asc',
};

const VALUE: Record<AuditSort, (e: AuditRowView) => SortValue> = {
  // seq breaks ties between entries of one millisecond the way the server orders them.
  time: (e) => e.seq,
  actor: (e) => e.actor,
  action: (e) => e.action,
  target: (e) => e.target,
  outcome: (e) => e.outcome,
  address: (e) => e.address,
};

/** The loaded entries in the header sort's order (the server's newest first needs no work). */
export function sortAudit(rows: readonly AuditRowView[], f: AuditFilterForm): readonly AuditRowView[] {
  const sort = AUDIT_SORTS.find((k) => k === f.sort) ?? 'time';
  const dir = f.dir === 'asc' ? 'asc' : 'desc';
  if (sort === 'time' && dir === 'desc') return rows;
  return sortRows(rows, VALUE[sort], dir);
}

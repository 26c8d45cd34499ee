// The audit page's filters: the form as typed (strings), the audit.list input it stands for, the CSV export link
// with the same filters, and the page URL's query (so a reload or a shared link keeps them).
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from '@/server/domain/identity/audit';

export interface AuditFilterForm {
  actor: string;
  action: string;
  outcome: string;
  /** datetime-local values ("2026-11-28T06:20"), local time. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { actor: '', action: '', outcome: '', from: '', to: '' };

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

export const isAuditFiltered = (f: AuditFilterForm) => Object.values(f).some((v) => v !== '');

/** GET /api/audit.csv with the same filters (times as epoch milliseconds). */
export function auditCsvHref(filter: AuditFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `/api/audit.csv?${s}` : '/api/audit.csv';
}

const KEYS = ['actor', 'action', 'outcome', 'from', 'to'] as const;

export function formFromQuery(get: (k: string) => string | null | undefined): AuditFilterForm {
  const out = { ...EMPTY_AUDIT_FILTER };
  for (const k of KEYS) out[k] = (get(k) ?? '').slice(0, 254);
  if (!AUDIT_ACTIONS.some((a) => a === out.action)) out.action = '';
  if (!AUDIT_OUTCOMES.some((o) => o === out.outcome)) out.outcome = '';
  return out;
}

export function queryFromForm(f: AuditFilterForm): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (f[k]) q.set(k, f[k]);
  return q.toString();
}

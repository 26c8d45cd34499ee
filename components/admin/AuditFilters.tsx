'use client';
// Filters of the audit log: actor (email, part of it), action, outcome and a from/to time window.
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '@/server/domain/identity/audit';
import { EMPTY_AUDIT_FILTER, isAuditFiltered, type AuditFilterForm } from './audit-filter';

export function AuditFilters({ value, onChange }: { value: AuditFilterForm; onChange(v: AuditFilterForm): void }) {
  const set = (k: keyof AuditFilterForm) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <form className="admin-filters" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
      <label>
        Actor
        <input type="search" value={value.actor} onChange={set('actor')} placeholder="email, anonymous, system, mqtt:…" data-testid="audit-filter-actor" />
      </label>
      <label>
        Action
        <select value={value.action} onChange={set('action')} data-testid="audit-filter-action">
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outcome
        <select value={value.outcome} onChange={set('outcome')} data-testid="audit-filter-outcome">
          <option value="">Any outcome</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="datetime-local" step={1} value={value.from} max={value.to || undefined} onChange={set('from')} data-testid="audit-filter-from" />
      </label>
      <label>
        To
        <input type="datetime-local" step={1} value={value.to} min={value.from || undefined} onChange={set('to')} data-testid="audit-filter-to" />
      </label>
      {isAuditFiltered(value) ? (
        <button type="button" className="small-button" onClick={() => onChange(EMPTY_AUDIT_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

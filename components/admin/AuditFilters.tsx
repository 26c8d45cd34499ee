'use client';
// Filters of the audit log: actor (email, part of it), action, outcome and a from/to time window.
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '@/server/domain/identity/audit';
import { SelectFilter } from '@/components/ui/SelectFilter';
import type { SetListState } from '@/components/ui/use-list-state';
import { EMPTY_AUDIT_FILTER, isAuditFiltered, type AuditFilterForm } from './audit-filter';

/** Choices are history entries (Back undoes them); typing (actor, times) replaces the current one. */
export function AuditFilters({ value, onChange }: { value: AuditFilterForm; onChange: SetListState<keyof AuditFilterForm> }) {
  const set = (k: keyof AuditFilterForm) => (v: string) => onChange({ [k]: v });
  const type = (k: keyof AuditFilterForm) => (v: string) => onChange({ [k]: v }, 'replace');
  return (
    <form className="admin-filters" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
      <label>
        Actor
        <input
          type="search"
          value={value.actor}
          onChange={(e) => type('actor')(e.target.value)}
          placeholder="email, anonymous, system, mqtt:…"
          data-testid="audit-filter-actor"
        />
      </label>
      <SelectFilter
        label="Action"
        value={value.action}
        onChange={set('action')}
        anyLabel="Any action"
        options={AUDIT_ACTIONS}
        testId="audit-filter-action"
      />
      <SelectFilter
        label="Outcome"
        value={value.outcome}
        onChange={set('outcome')}
        anyLabel="Any outcome"
        options={AUDIT_OUTCOMES}
        testId="audit-filter-outcome"
      />
      <label>
        From
        <input
          type="datetime-local"
          step={1}
          value={value.from}
          max={value.to || undefined}
          onChange={(e) => type('from')(e.target.value)}
          data-testid="audit-filter-from"
        />
      </label>
      <label>
        To
        <input
          type="datetime-local"
          step={1}
          value={value.to}
          min={value.from || undefined}
          onChange={(e) => type('to')(e.target.value)}
          data-testid="audit-filter-to"
        />
      </label>
      {isAuditFiltered(value) ? (
        <button
          type="button"
          className="small-button"
          onClick={() => {
            const { actor, action, outcome, from, to } = EMPTY_AUDIT_FILTER;
            onChange({ actor, action, outcome, from, to });
          }}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

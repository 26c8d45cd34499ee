'use client';
// Filters of the ledger: robot, status (or open/final), type, issuer.
import { COMMAND_STATUSES, COMMAND_TYPES } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { COMMAND_NAME, STATUS_TEXT } from '../command-format';
import { EMPTY_FILTER, isFiltered, type LedgerFilterForm } from './ledger-filter';

export function LedgerFilters({ value, onChange }: { value: LedgerFilterForm; onChange(v: LedgerFilterForm): void }) {
  const ids = useFleetStore((s) => s.ids);
  const robots = useFleetStore((s) => s.robots);
  const set = (k: keyof LedgerFilterForm) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <form className="ledger-filters" aria-label="Filter commands" onSubmit={(e) => e.preventDefault()}>
      <label>
        Robot
        <select value={value.robot} onChange={set('robot')} data-testid="filter-robot">
          <option value="">All robots</option>
          {value.robot && !ids.includes(Number(value.robot)) ? <option value={value.robot}>#{value.robot}</option> : null}
          {ids.map((id) => (
            <option key={id} value={String(id)}>
              {robots[id]?.serialNumber ?? `#${id}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={value.status} onChange={set('status')} data-testid="filter-status">
          <option value="">Any status</option>
          <option value="open">Open (not final)</option>
          <option value="final">Final</option>
          {COMMAND_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_TEXT[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select value={value.type} onChange={set('type')} data-testid="filter-type">
          <option value="">Any type</option>
          {COMMAND_TYPES.map((t) => (
            <option key={t} value={t}>
              {COMMAND_NAME[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Issuer
        <input type="search" value={value.issuer} onChange={set('issuer')} placeholder="e.g. anonymous" data-testid="filter-issuer" />
      </label>
      {isFiltered(value) ? (
        <button type="button" className="small-button" onClick={() => onChange(EMPTY_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

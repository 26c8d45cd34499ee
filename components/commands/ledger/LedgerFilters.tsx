'use client';
// Filters of the ledger: robot, status (or open/final), type (each choice a change of the page URL), and the
// issuer as typed (written to the URL once typing pauses).
import { COMMAND_STATUSES, COMMAND_TYPES } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { SelectFilter } from '@/components/ui/SelectFilter';
import { COMMAND_NAME, STATUS_TEXT } from '../command-format';
import { EMPTY_FILTER, isFiltered, type LedgerFilterForm } from './ledger-filter';

interface Props {
  value: LedgerFilterForm;
  onChange(v: LedgerFilterForm): void;
  onIssuer(text: string): void;
}

export function LedgerFilters({ value, onChange, onIssuer }: Props) {
  const ids = useFleetStore((s) => s.ids);
  const robots = useFleetStore((s) => s.robots);
  const set = (k: keyof LedgerFilterForm) => (v: string) => onChange({ ...value, [k]: v });
  return (
    <form className="ledger-filters" aria-label="Filter commands" onSubmit={(e) => e.preventDefault()}>
      <SelectFilter
        label="Robot"
        value={value.robot}
        onChange={set('robot')}
        anyLabel="All robots"
        extra={value.robot && !ids.includes(Number(value.robot)) ? <option value={value.robot}>#{value.robot}</option> : null}
        options={ids.map(String)}
        optionText={(id) => robots[Number(id)]?.serialNumber ?? `#${id}`}
        testId="filter-robot"
      />
      <SelectFilter
        label="Status"
        value={value.status}
        onChange={set('status')}
        anyLabel="Any status"
        extra={
          <>
            <option value="open">Open (not final)</option>
            <option value="final">Final</option>
          </>
        }
        options={COMMAND_STATUSES}
        optionText={(s) => STATUS_TEXT[s]}
        testId="filter-status"
      />
      <SelectFilter
        label="Type"
        value={value.type}
        onChange={set('type')}
        anyLabel="Any type"
        options={COMMAND_TYPES}
        optionText={(t) => COMMAND_NAME[t]}
        testId="filter-type"
      />
      <label>
        Issuer
        <input
          type="search"
          value={value.issuer}
          onChange={(e) => onIssuer(e.target.value)}
          placeholder="e.g. anonymous"
          data-testid="filter-issuer"
        />
      </label>
      {isFiltered(value) ? (
        <button type="button" className="small-button" onClick={() => onChange(EMPTY_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

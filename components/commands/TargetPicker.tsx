'use client';
// Chooses the node or named place for "go to" / "re-initialise position": a searchable list, or a click
// on a map node in the 3D view ("Pick on map").
import { FilterInput } from '@/components/ui/FilterInput';
import { useId, useMemo, useRef, useState } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { COMMAND_NAME } from './command-format';
import type { PendingCommand } from './command-flow-store';
import { filterTargets, KIND_LABEL, targetOptions, type TargetOption } from './target-options';
import { trapTab, useDialogFocus } from '@/components/ui/use-dialog-focus';
import { useListKeys } from '@/components/ui/use-list-keys';

interface Props {
  pending: PendingCommand;
  map: WarehouseMap | undefined;
  mapError: string | null;
  canPickOnMap: boolean;
  robotsLabel: string;
  onChoose(t: TargetOption): void;
  onPickOnMap(): void;
  onCancel(): void;
}

export function TargetPicker({ pending, map, mapError, canPickOnMap, robotsLabel, onChoose, onPickOnMap, onCancel }: Props) {
  const [query, setQuery] = useState('');
  const all = useMemo(() => (map ? targetOptions(map) : []), [map]);
  const shown = useMemo(() => filterTargets(all, query), [all, query]);
  const listId = useId();
  const titleId = useId();
  const { active, setActive, onKeyDown, optionId } = useListKeys(shown, onChoose, onCancel, listId);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useDialogFocus(box, input);
  const verb = pending.type === 'initPosition' ? 'Where is the robot now?' : 'Where should it go?';
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div ref={box} className="modal target-picker" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="target-picker" onKeyDown={trapTab}>
        <h2 id={titleId}>
          {COMMAND_NAME[pending.type]} · {robotsLabel}
        </h2>
        <p className="muted">{verb} Type to filter, ↑/↓ and Enter to choose.</p>
        <div className="picker-search">
          <FilterInput
            inputRef={input}
            listId={listId}
            activeOptionId={shown.length ? optionId(active) : undefined}
            label="Search nodes and places"
            placeholder="Dock 3, charger, n-042…"
            value={query}
            onQuery={(q) => {
              setQuery(q);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          {canPickOnMap ? (
            <button type="button" className="small-button" onClick={onPickOnMap} data-testid="pick-on-map">
              Pick on map
            </button>
          ) : null}
        </div>
        {mapError ? <p className="bad">Could not load the map: {mapError}</p> : !map ? <p className="muted">Loading the map…</p> : null}
        <ul id={listId} role="listbox" aria-label="Targets" className="option-list">
          {shown.map((t, i) => (
            <li
              key={t.nodeId}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="target-option"
              data-node-id={t.nodeId}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => onChoose(t)}
            >
              <span>{t.label}</span>
              <span className="muted">
                {KIND_LABEL[t.kind]}
                {t.kind === 'node' ? '' : ` · ${t.nodeId}`}
              </span>
            </li>
          ))}
        </ul>
        {map && shown.length === 0 ? <p className="muted">No node or place matches “{query}”.</p> : null}
        <div className="modal-actions">
          <button type="button" className="small-button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

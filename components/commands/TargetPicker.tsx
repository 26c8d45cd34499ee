'use client';
// Chooses the node or named place for "go to" / "re-initialise position": a searchable list, or a click
// on a map node in the 3D view ("Pick on map").
import { useId, useMemo } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { FilterInput } from '@/components/ui/FilterInput';
import { OptionList } from '@/components/ui/OptionList';
import { trapTab } from '@/components/ui/use-dialog-focus';
import { useListDialog } from '@/components/ui/use-list-dialog';
import { COMMAND_NAME } from './command-format';
import type { PendingCommand } from './command-flow-store';
import { filterTargets, KIND_LABEL, targetOptions, type TargetOption } from './target-options';

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
  const all = useMemo(() => (map ? targetOptions(map) : []), [map]);
  const d = useListDialog(all, filterTargets, onChoose, onCancel);
  const titleId = useId();
  const verb = pending.type === 'initPosition' ? 'Where is the robot now?' : 'Where should it go?';
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a press on the backdrop outside the dialog is a mouse shortcut for closing; from the keyboard the filter box and Cancel close it on Escape
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={d.box}
        className="modal target-picker"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="target-picker"
        onKeyDown={trapTab}
      >
        <h2 id={titleId}>
          {COMMAND_NAME[pending.type]} · {robotsLabel}
        </h2>
        <p className="muted">{verb} Type to filter, ↑/↓ and Enter to choose.</p>
        <div className="picker-search">
          <FilterInput {...d.input} label="Search nodes and places" placeholder="Dock 3, charger, n-042…" />
          {canPickOnMap ? (
            <button type="button" className="small-button" onClick={onPickOnMap} data-testid="pick-on-map">
              Pick on map
            </button>
          ) : null}
        </div>
        {mapError ? <p className="bad">Could not load the map: {mapError}</p> : !map ? <p className="muted">Loading the map…</p> : null}
        <OptionList
          {...d.list}
          label="Targets"
          optionKey={(t) => t.nodeId}
          optionData={(t) => ({ 'data-testid': 'target-option', 'data-node-id': t.nodeId })}
        >
          {(t) => (
            <>
              <span>{t.label}</span>
              <span className="muted">
                {KIND_LABEL[t.kind]}
                {t.kind === 'node' ? '' : ` · ${t.nodeId}`}
              </span>
            </>
          )}
        </OptionList>
        {map && d.shown.length === 0 ? <p className="muted">No node or place matches “{d.query}”.</p> : null}
        <div className="modal-actions">
          <button type="button" className="small-button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

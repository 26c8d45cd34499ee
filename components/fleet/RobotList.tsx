'use client';
// The robot list beside the 3D view: the fleet summary (which filters by status), search by serial number or name,
// and a sort; robots that need attention (a critical alert, faulted, other alerts) are pinned on top. Filter, sort
// and search live in the URL. Every selected robot is highlighted; shift- or Ctrl-click adds to the selection.
import { Fragment, useCallback, useMemo, type MouseEvent, type RefObject } from 'react';
import { useRobotAlertSeverities } from '@/components/alerts';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { serverNow } from '@/components/realtime/pose-store';
import { FleetSummary } from './FleetSummary';
import { SORT_KEYS, SORT_LABEL, type SortDir, type SortKey } from './fleet-list-params';
import { orderRobots } from './fleet-list-order';
import { matchesSearch } from './robot-format';
import { RobotRow } from './RobotRow';
import { STATUS_LABEL } from './status-palette';
import { useFleetListParams } from './use-fleet-list-params';

const SORT_OPTIONS = SORT_KEYS.flatMap((key) =>
  (['asc', 'desc'] as const).map((dir) => ({ value: `${key}:${dir}`, label: `${SORT_LABEL[key].label}, ${SORT_LABEL[key][dir]}` })),
);

export function RobotList({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const ids = useFleetStore((s) => s.ids);
  const robots = useFleetStore((s) => s.robots);
  const loaded = useFleetStore((s) => s.loaded);
  const selectedIds = useFleetStore((s) => s.selectedIds);
  const selectedId = useFleetStore((s) => s.selectedId);
  const select = useFleetStore((s) => s.select);
  const toggleSelected = useFleetStore((s) => s.toggleSelected);
  const alerts = useRobotAlertSeverities();
  const [params, update] = useFleetListParams();

  const { rows, pinned } = useMemo(
    () =>
      orderRobots(
        Object.values(robots),
        params,
        (id) => alerts[id] ?? null,
        (r) => matchesSearch(r, params.q),
      ),
    [robots, params, alerts],
  );
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);

  // Whole seconds: enough for the stale mark, and keeps memoised rows from re-rendering on every tick. In replay,
  // staleness is judged at the moment shown.
  const replayAt = useFleetStore((s) => s.replayAt);
  const now = Math.floor((replayAt ?? serverNow()) / 1000) * 1000;
  const onSelect = useCallback(
    (id: number, e: MouseEvent) => (e.shiftKey || e.ctrlKey || e.metaKey ? toggleSelected(id) : select(id)),
    [select, toggleSelected],
  );
  const filtered = params.status !== 'all' || params.q !== '';

  return (
    <section className="robot-list" aria-label="Robots">
      <FleetSummary status={params.status} onFilter={(status) => update({ status })} />
      <div className="robot-list-tools">
        <input
          ref={searchRef}
          type="search"
          placeholder="Search serial or name (/)"
          aria-label="Search robots by serial number or name"
          aria-keyshortcuts="/"
          value={params.q}
          onChange={(e) => update({ q: e.target.value }, 'replace')}
        />
        <label className="robot-list-sort">
          <span>Sort</span>
          <select
            data-testid="robot-sort"
            value={`${params.sort}:${params.dir}`}
            onChange={(e) => {
              const [sort, dir] = e.target.value.split(':') as [SortKey, SortDir];
              update({ sort, dir });
            }}
          >
            {SORT_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="robot-list-count" aria-live="polite">
        <span data-testid="robot-count">{rows.length}</span>
        {filtered ? ` of ${ids.length} robots` : ' robots'}
        {params.status !== 'all' ? ` · ${STATUS_LABEL[params.status]} only` : ''}
        {selectedIds.length > 1 ? ` · ${selectedIds.length} selected` : ''}
        {filtered ? (
          <button
            type="button"
            className="small-button clear-filter"
            data-testid="clear-list-filter"
            onClick={() => update({ status: 'all', q: '' })}
          >
            Clear filter
          </button>
        ) : null}
      </p>
      <ul className="robot-rows">
        {pinned > 0 ? (
          <li className="robot-rows-heading" data-testid="pinned-heading">
            Needs attention · {pinned}
          </li>
        ) : null}
        {rows.map((r, i) => (
          <Fragment key={r.id}>
            {i === pinned && pinned > 0 ? (
              <li className="robot-rows-heading" aria-hidden="true">
                Others · {rows.length - pinned}
              </li>
            ) : null}
            <RobotRow
              robot={r}
              selected={selected.has(r.id)}
              primary={selectedIds.length > 1 && r.id === selectedId}
              pinned={i < pinned}
              now={now}
              alert={alerts[r.id] ?? null}
              onSelect={onSelect}
            />
          </Fragment>
        ))}
      </ul>
      {!loaded ? <p className="muted pad">Connecting to the live fleet…</p> : null}
      {ids.length > 0 && rows.length === 0 ? <p className="muted pad">No robot matches the filter.</p> : null}
    </section>
  );
}

'use client';
// The robot list beside the 3D view: search by serial number or name, filter by status. Robots with an
// unresolved alert come first (the most severe first) and carry its mark.
import { useCallback, useMemo, useState, type RefObject } from 'react';
import { robotStatus, type RobotStatus, type RobotView } from '@/server/domain/robot';
import { severityRank, useRobotAlertSeverities } from '@/components/alerts';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { serverNow } from '@/components/realtime/pose-store';
import { matchesSearch } from './robot-format';
import { RobotRow } from './RobotRow';
import { STATUS_LABEL, STATUS_ORDER } from './status-palette';

type StatusFilter = RobotStatus | 'all';

export function RobotList({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const ids = useFleetStore((s) => s.ids);
  const robots = useFleetStore((s) => s.robots);
  const selectedId = useFleetStore((s) => s.selectedId);
  const select = useFleetStore((s) => s.select);
  const alerts = useRobotAlertSeverities();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');

  const visible = useMemo(() => {
    const out: RobotView[] = [];
    for (const id of ids) {
      const r = robots[id];
      if (!r || !matchesSearch(r, query)) continue;
      if (status !== 'all' && robotStatus(r) !== status) continue;
      out.push(r);
    }
    // Stable sort: within a severity (and among robots without alerts) the id order stays.
    const rank = (id: number) => {
      const s = alerts[id];
      return s ? severityRank(s) : -1;
    };
    return out.sort((a, b) => rank(b.id) - rank(a.id));
  }, [ids, robots, query, status, alerts]);

  // Whole seconds: enough for the stale mark, and keeps memoised rows from re-rendering on every tick.
  const now = Math.floor(serverNow() / 1000) * 1000;
  const onSelect = useCallback((id: number) => select(id), [select]);

  return (
    <section className="robot-list" aria-label="Robots">
      <div className="robot-list-tools">
        <input
          ref={searchRef}
          type="search"
          placeholder="Search serial or name  ( / )"
          aria-label="Search robots by serial number or name"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="all">All statuses</option>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <p className="robot-list-count">
        <span data-testid="robot-count">{visible.length}</span>
        {visible.length === ids.length ? ' robots' : ` of ${ids.length} robots`}
      </p>
      <ul className="robot-rows">
        {visible.map((r) => (
          <RobotRow key={r.id} robot={r} selected={r.id === selectedId} now={now} alert={alerts[r.id] ?? null} onSelect={onSelect} />
        ))}
      </ul>
      {ids.length > 0 && visible.length === 0 ? <p className="muted pad">No robot matches the filter.</p> : null}
    </section>
  );
}

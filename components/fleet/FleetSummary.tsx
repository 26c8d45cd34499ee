'use client';
// The fleet at a glance: how many robots there are, and how many in each status, the urgent ones first. Each
// status count is also the list's status filter (pressed again it shows every robot again); the filter lives in
// the URL (?status=).
import { useMemo } from 'react';
import type { RobotStatus } from '@/server/domain/robot';
import { useFleetStore } from '@/components/realtime/fleet-store';
import type { StatusFilter } from './fleet-list-params';
import { STATUS_URGENCY, statusCounts } from './fleet-list-order';
import { STATUS_COLOR, STATUS_LABEL } from './status-palette';

const robotsWord = (n: number) => (n === 1 ? 'robot' : 'robots');

export function FleetSummary({ status, onFilter }: { status: StatusFilter; onFilter(status: StatusFilter): void }) {
  const robots = useFleetStore((s) => s.robots);
  const loaded = useFleetStore((s) => s.loaded);
  const counts = useMemo(() => statusCounts(Object.values(robots)), [robots]);
  const shown = (n: number) => (loaded ? String(n) : '–');
  return (
    <section className="fleet-summary" aria-label="Fleet summary: robots per status (press a count to filter the list)">
      <p className="summary-total">
        Fleet:{' '}
        <strong data-testid="summary-total">
          {shown(counts.total)} {robotsWord(counts.total)}
        </strong>
      </p>
      <ul>
        {STATUS_URGENCY.map((s: RobotStatus) => {
          const n = counts[s];
          const active = status === s;
          return (
            <li key={s}>
              <button
                type="button"
                className="summary-tile"
                data-testid={`summary-${s}`}
                data-status={s}
                data-zero={n === 0 || undefined}
                aria-pressed={active}
                title={
                  active
                    ? `Showing only the ${n} ${robotsWord(n)} with status ${STATUS_LABEL[s]}: press again to show all`
                    : `${n} ${robotsWord(n)} with status ${STATUS_LABEL[s]}: show only these`
                }
                onClick={() => onFilter(active ? 'all' : s)}
              >
                <span className="summary-count">
                  <span className="dot" style={{ background: STATUS_COLOR[s] }} />
                  <span data-testid="summary-count">{shown(n)}</span>
                </span>
                <span className="summary-label">{STATUS_LABEL[s]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

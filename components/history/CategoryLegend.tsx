'use client';
// The legend of event categories, each a checkbox that shows or hides its rows (keyboard: Tab and Space).
import type { HistoryEventCategory } from '@/server/domain/history/history-event';
import { CATEGORY_ORDER, CATEGORY_STYLE } from './event-style';

export function CategoryLegend({
  shown,
  counts,
  onToggle,
  label = 'Event categories',
}: {
  shown: ReadonlySet<HistoryEventCategory>;
  counts?: Partial<Record<HistoryEventCategory, number>>;
  onToggle(category: HistoryEventCategory): void;
  label?: string;
}) {
  return (
    <fieldset className="history-legend" data-testid="history-legend">
      <legend>{label}</legend>
      {CATEGORY_ORDER.map((c) => {
        const s = CATEGORY_STYLE[c];
        const n = counts?.[c];
        return (
          <label key={c} className="history-legend-item">
            <input type="checkbox" checked={shown.has(c)} onChange={() => onToggle(c)} data-testid={`legend-${c}`} />
            <span className="history-icon" style={{ color: s.color, borderColor: s.color }} aria-hidden>
              {s.icon}
            </span>
            {s.label}
            {n !== undefined ? <span className="muted"> ({n})</span> : null}
          </label>
        );
      })}
    </fieldset>
  );
}

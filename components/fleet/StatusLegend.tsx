// Colour key for robot statuses, including the faded look of robots not heard from recently.
import { STALE_AFTER_MS } from '@/server/domain/robot';
import { STALE_COLOR, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from './status-palette';

export function StatusLegend() {
  return (
    <ul className="legend" aria-label="Robot status colours">
      {STATUS_ORDER.map((s) => (
        <li key={s}>
          <span className="swatch" style={{ background: STATUS_COLOR[s] }} />
          {STATUS_LABEL[s]}
        </li>
      ))}
      <li title={`No message for more than ${STALE_AFTER_MS / 1000} s`}>
        <span className="swatch" style={{ background: STALE_COLOR }} />
        Stale
      </li>
    </ul>
  );
}

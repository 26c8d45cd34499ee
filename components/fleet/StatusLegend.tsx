// Colour key for robot statuses as the 3D view draws them: offline robots are translucent inside a dashed ring
// (so they show on a dark and a light floor, and not by colour alone), stale robots are faded.
import { STALE_AFTER_MS } from '@/server/domain/robot';
import { STALE_COLOR, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from './status-palette';

export function StatusLegend() {
  return (
    <ul className="legend" aria-label="Robot status colours">
      {STATUS_ORDER.map((s) =>
        s === 'offline' ? (
          <li key={s} title="No connection: drawn see-through inside a dashed ring">
            <span
              className="swatch"
              data-pattern="dashed-ring"
              style={{ background: 'transparent', border: `2px dashed ${STATUS_COLOR[s]}`, width: 11, height: 11 }}
            />
            {STATUS_LABEL[s]} (dashed ring)
          </li>
        ) : (
          <li key={s}>
            <span className="swatch" style={{ background: STATUS_COLOR[s] }} />
            {STATUS_LABEL[s]}
          </li>
        ),
      )}
      <li title={`Online, but no message for more than ${STALE_AFTER_MS / 1000} s: the status colour fades to grey`}>
        <span className="swatch" style={{ background: STALE_COLOR, opacity: 0.7 }} />
        Stale (&gt; {STALE_AFTER_MS / 1000} s silent)
      </li>
    </ul>
  );
}

'use client';
// The timeline under the 3D view: Live ↔ Replay, transport (step, play/pause, speed), the moment shown with a
// date-time field to go anywhere in the kept history, the zoom, and the scrubber with its event ticks.
import type { ReplayEngine } from './replay-engine';
import type { ReplaySource } from './replay-source';
import { useReplayStore } from './replay-store';
import { MomentField } from './MomentField';
import { Scrubber } from './Scrubber';
import { Transport } from './Transport';
import { ZOOMS } from './replay-time';
import { serverNow } from '@/components/realtime/pose-store';
import './replay.css';

export function ReplayBar({ engine, source }: { engine: ReplayEngine; source: ReplaySource }) {
  const mode = useReplayStore((s) => s.mode);
  const spanMs = useReplayStore((s) => s.spanMs);
  const replaying = mode === 'replay';
  return (
    <section className={replaying ? 'replay-bar replaying' : 'replay-bar'} aria-label="Timeline" data-testid="replay-bar" data-mode={mode}>
      <div className="replay-controls">
        <fieldset className="replay-mode" aria-label="Live or replay">
          <button type="button" aria-pressed={!replaying} data-testid="replay-live" onClick={() => engine.goLive()} title="Live (L)">
            <span className="replay-live-dot" aria-hidden /> Live
          </button>
          <button
            type="button"
            aria-pressed={replaying}
            data-testid="replay-enter"
            onClick={() => !replaying && engine.jump(serverNow() - 60_000)}
            title="Replay the fleet's history"
          >
            Replay
          </button>
        </fieldset>
        {replaying ? <Transport engine={engine} /> : null}
        <MomentField engine={engine} />
        <label className="replay-zoom">
          <span className="muted">Span</span>
          <select
            aria-label="Timeline span"
            data-testid="replay-zoom"
            value={spanMs}
            onChange={(e) => useReplayStore.setState({ spanMs: Number(e.target.value) })}
          >
            {ZOOMS.map((z) => (
              <option key={z.ms} value={z.ms}>
                {z.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Scrubber engine={engine} source={source} />
    </section>
  );
}

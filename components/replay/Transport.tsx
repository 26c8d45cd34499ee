'use client';
// Step back, play/pause, step forward and the speed, for replay.
import type { ReplayEngine } from './replay-engine';
import { useReplayStore } from './replay-store';
import { SPEEDS, stepSize, type ReplaySpeed } from './replay-time';

function formatStep(ms: number): string {
  return ms >= 3600_000 ? `${ms / 3600_000} h` : ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}

export function Transport({ engine }: { engine: ReplayEngine }) {
  const playing = useReplayStore((s) => s.playing);
  const speed = useReplayStore((s) => s.speed);
  const step = stepSize(useReplayStore((s) => s.spanMs));
  return (
    <div className="replay-transport">
      <button
        type="button"
        className="icon-button"
        data-testid="replay-step-back"
        aria-label={`Step back ${formatStep(step)} (←)`}
        onClick={() => engine.step(-step)}
      >
        −{formatStep(step)}
      </button>
      <button
        type="button"
        className="icon-button replay-play"
        data-testid="replay-play"
        aria-label={playing ? 'Pause (Space)' : 'Play (Space)'}
        aria-pressed={playing}
        onClick={() => engine.setPlaying(!playing)}
      >
        {playing ? 'Pause' : '▶ Play'}
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="replay-step-forward"
        aria-label={`Step forward ${formatStep(step)} (→)`}
        onClick={() => engine.step(step)}
      >
        +{formatStep(step)}
      </button>
      <select
        aria-label="Replay speed"
        data-testid="replay-speed"
        value={speed}
        onChange={(e) => engine.setSpeed(Number(e.target.value) as ReplaySpeed)}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
    </div>
  );
}

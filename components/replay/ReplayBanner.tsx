'use client';
// Over the 3D view while replaying: what moment is shown, how it is loading, and one click to the command
// ledger and the traces of that moment, or back to live.
import Link from 'next/link';
import { useFleetStore } from '@/components/realtime/fleet-store';
import type { ReplayEngine } from './replay-engine';
import { useReplayStore, type ReplayLoad } from './replay-store';
import { formatMoment } from './replay-time';
import { linkAt } from './replay-url';

function LoadNote({ load, onRetry }: { load: ReplayLoad; onRetry(): void }) {
  switch (load.state) {
    case 'loading':
      return <span className="muted">loading…</span>;
    case 'buffering':
      return <span className="muted">buffering…</span>;
    case 'failed':
      return (
        <span className="warn" data-testid="replay-error">
          History could not be read: {load.message}{' '}
          <button type="button" className="small-button" onClick={onRetry}>
            Try again
          </button>
        </span>
      );
    case 'ready':
      if (load.tier === 'none')
        return (
          <span className="warn" data-testid="replay-empty">
            History holds nothing at this moment
          </span>
        );
      return load.tier === 'second' ? <span className="muted">one sample per second (older than the raw window)</span> : null;
    default:
      return null;
  }
}

export function ReplayBanner({ engine }: { engine: ReplayEngine }) {
  const mode = useReplayStore((s) => s.mode);
  const at = useReplayStore((s) => s.at);
  const load = useReplayStore((s) => s.load);
  const selectedId = useFleetStore((s) => s.selectedId);
  if (mode !== 'replay') return null;
  const moment = Math.round(at);
  return (
    <div className="replay-banner" role="status" data-testid="replay-banner" data-at={moment}>
      <strong>REPLAY · {formatMoment(at)}</strong>
      <LoadNote load={load} onRetry={() => engine.jump(engine.moment())} />
      <span className="replay-banner-links">
        <Link
          href={linkAt('/commands', moment, selectedId === null ? {} : { robot: String(selectedId) })}
          data-testid="replay-commands-link"
        >
          Commands at this moment
        </Link>
        <Link href={linkAt('/flow', moment)} data-testid="replay-traces-link">
          Traces
        </Link>
        <button type="button" className="small-button" data-testid="replay-go-live" onClick={() => engine.goLive()}>
          Back to live (L)
        </button>
      </span>
    </div>
  );
}

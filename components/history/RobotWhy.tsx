'use client';
// /robots/[id]/why?at=…: loads history.why for the robot and the moment, with loading, error and empty states and
// controls to move the moment or widen the window (the URL keeps the moment, so it can be shared).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { LoadFailed, StateMessage } from '@/components/ui/StateMessage';
import { IncidentView } from './IncidentView';
import { clockTime, whyHref } from './time-format';

const WINDOWS = [
  { label: '1 min', beforeSec: 60, afterSec: 15 },
  { label: '5 min', beforeSec: 300, afterSec: 60 },
  { label: '30 min', beforeSec: 1800, afterSec: 300 },
  { label: '2 h', beforeSec: 7200, afterSec: 900 },
] as const;

export function RobotWhy({ robotId, at, pinAt = false }: { robotId: number; at: number; pinAt?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [win, setWin] = useState(1);
  const w = WINDOWS[win] ?? WINDOWS[1];
  const q = useQuery({
    ...trpc.history.why.queryOptions({ robotId, at, beforeSec: w.beforeSec, afterSec: w.afterSec }),
    retry: false,
  });
  const move = (deltaMs: number) => router.push(whyHref(robotId, at + deltaMs));
  // Opened without ?at= ("why now?"): put the moment in the URL, so the link shared is this moment.
  useEffect(() => {
    if (pinAt) router.replace(whyHref(robotId, at));
  }, [pinAt, robotId, at, router]);

  return (
    <div className="detail why-page">
      <header className="detail-header">
        <Link href={`/robots/${robotId}`} className="muted">
          ← Robot #{robotId}
        </Link>
        <h1>
          Why did it stop?{' '}
          <span className="muted">
            {q.data?.robot?.name ?? `#${robotId}`} at{' '}
            {/* Local time: the server renders it in its own zone, the browser in the viewer's. */}
            <time dateTime={new Date(at).toISOString()} suppressHydrationWarning>
              {clockTime(at)}
            </time>
          </span>
        </h1>
        <fieldset className="why-controls">
          <legend className="sr-only">Moment and window</legend>
          <button type="button" className="small-button" onClick={() => move(-60_000)}>
            −1 min
          </button>
          <button type="button" className="small-button" onClick={() => move(-10_000)}>
            −10 s
          </button>
          <button type="button" className="small-button" onClick={() => move(10_000)}>
            +10 s
          </button>
          <button type="button" className="small-button" onClick={() => move(60_000)}>
            +1 min
          </button>
          <label>
            Window{' '}
            <select value={win} onChange={(e) => setWin(Number(e.target.value))} data-testid="why-window">
              {WINDOWS.map((x, i) => (
                <option key={x.label} value={i}>
                  {x.label} before
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      </header>
      {q.isPending ? (
        <StateMessage title="Lining up what happened…" busy testId="why-loading" />
      ) : q.error ? (
        <LoadFailed title="Could not load this moment" message={q.error.message} retry={() => void q.refetch()} testId="why-error" />
      ) : q.data.robot === null && q.data.events.length === 0 ? (
        <StateMessage title="Nothing recorded around this moment" testId="why-empty">
          History holds no sample and no event of robot #{robotId} between {clockTime(q.data.from)} and {clockTime(q.data.to)}. Try a wider
          window or another moment.
        </StateMessage>
      ) : (
        <IncidentView view={q.data} />
      )}
    </div>
  );
}

'use client';
// Side panel with one command's full history (commands.byId events), re-read when its live status changes.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useCan } from '@/components/auth/use-me';
import { useTRPC } from '@/components/trpc/trpc-context';
import { COMMAND_NAME, formatClock, formatDelta, paramsSummary } from '../command-format';
import { isNewer } from '../command-merge';
import { robotName } from '../command-outcomes';
import { useCommandStore } from '../command-store';
import { StatusPill } from '../StatusPill';

export function CommandHistory({ id, onClose }: { id: string; onClose(): void }) {
  const trpc = useTRPC();
  const canInspect = useCan('inspect');
  const q = useQuery({ ...trpc.commands.byId.queryOptions({ id }), staleTime: 0 });
  const live = useCommandStore((s) => s.byId[id]);
  const command = q.data && live && isNewer(q.data.command, live) ? live : (q.data?.command ?? live);
  const { refetch } = q;
  const seen = useRef(live?.updatedAt);
  useEffect(() => {
    if (live && live.updatedAt !== seen.current) {
      seen.current = live.updatedAt;
      void refetch();
    }
  }, [live, refetch]);
  const close = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to Close each time another command's history opens, so [id] is the trigger
  useEffect(() => close.current?.focus(), [id]);
  return (
    <aside
      className="command-history"
      aria-label="Command history"
      data-testid="command-history"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header>
        <h2>{command ? `${COMMAND_NAME[command.type]} · ${robotName(command.robotId)}` : 'Command'}</h2>
        <button ref={close} type="button" className="icon-button" aria-label="Close history (Escape)" onClick={onClose}>
          ×
        </button>
      </header>
      {q.error && !command ? <p className="bad pad">{q.error.message}</p> : null}
      {!command ? (
        q.isPending ? (
          <p className="muted pad">Loading…</p>
        ) : null
      ) : (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <StatusPill status={command.status} />
          </dd>
          <dt>Parameters</dt>
          <dd>{paramsSummary(command.type, command.params) || '—'}</dd>
          <dt>Issued</dt>
          <dd className="mono">
            {new Date(command.issuedAt).toLocaleString()} by {command.issuedBy}
          </dd>
          <dt>TTL</dt>
          <dd className="mono">{(command.ttlMs / 1000).toFixed(0)} s</dd>
          <dt>Attempts</dt>
          <dd className="mono">{command.attempts}</dd>
          <dt>Outcome</dt>
          <dd>{command.outcome ?? '—'}</dd>
          <dt>Wire ids</dt>
          <dd className="mono">{command.actionId ?? command.orderId ?? '—'}</dd>
          <dt>Trace</dt>
          <dd className="mono">
            {canInspect ? (
              <a
                href={`/flow?trace=${command.traceId}`}
                data-testid="command-trace-link"
                title="Open this command's trace on the data-flow page"
              >
                {command.traceId}
              </a>
            ) : (
              <span title="Opening a trace needs the architect role">{command.traceId}</span>
            )}
          </dd>
          <dt>Command id</dt>
          <dd className="mono">{command.id}</dd>
        </dl>
      )}
      <h3>History</h3>
      {q.data ? (
        <ol className="history" data-testid="command-events">
          {q.data.events.map((e, i) => (
            <li key={e.seq} data-testid="command-event" data-to={e.to}>
              <span className="mono">{formatClock(e.at)}</span>
              <span className="mono muted delta">{i === 0 ? '' : formatDelta(q.data.events[i - 1]!.at, e.at)}</span>
              <StatusPill status={e.to} />
              {e.detail ? <span className="muted event-detail">{e.detail}</span> : null}
            </li>
          ))}
        </ol>
      ) : q.isPending ? (
        <p className="muted pad">Loading history…</p>
      ) : null}
    </aside>
  );
}

'use client';
// The robot's last few commands with their live status: loaded once, then kept current from the live store.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { COMMAND_NAME, formatClock, paramsSummary } from './command-format';
import { mergeLedger } from './command-merge';
import { useCommandStore } from './command-store';
import { StatusPill } from './StatusPill';

const SHOWN = 5;

export function RecentCommands({ robotId }: { robotId: number }) {
  const trpc = useTRPC();
  const resyncs = useCommandStore((s) => s.resyncs);
  const list = useQuery({ ...trpc.commands.list.queryOptions({ robotId, limit: SHOWN }), staleTime: 0 });
  const { refetch } = list;
  // After a reconnect live updates may have been missed: read the list again once.
  useEffect(() => {
    if (resyncs > 0) void refetch();
  }, [resyncs, refetch]);
  const live = useCommandStore((s) => s.byId);
  const rows = useMemo(() => mergeLedger(list.data?.items ?? [], live, { robotId }, false).slice(0, SHOWN), [list.data, live, robotId]);
  return (
    <div className="recent-commands" data-testid="recent-commands" aria-busy={list.isPending}>
      <h3>
        Recent commands <Link href={`/commands?robot=${robotId}`}>all →</Link>
      </h3>
      {list.error && rows.length === 0 ? (
        <p className="muted">Commands unavailable: {list.error.message}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{list.isPending ? 'Loading…' : 'No commands yet.'}</p>
      ) : (
        <ul>
          {rows.map((c) => (
            <li key={c.id} data-testid="recent-command" data-command-id={c.id} data-status={c.status} title={c.outcome ?? undefined}>
              <span className="recent-main">
                {COMMAND_NAME[c.type]} <span className="muted">{paramsSummary(c.type, c.params)}</span>
              </span>
              <span className="recent-side">
                <StatusPill status={c.status} />
                <span className="muted mono">{formatClock(c.issuedAt).slice(0, 8)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

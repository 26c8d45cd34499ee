'use client';
// Search traces by robot, kind (telemetry or command) and time window (traces.search); click a result for its waterfall.
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPC } from '@/components/trpc/trpc-context';
import { SelectFilter } from '@/components/ui/SelectFilter';
import { TraceList } from './TraceList';

const WINDOWS = [1, 5, 15, 60, 24 * 60] as const;

/** A datetime-local value (local time, minutes) for an epoch ms. */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** `/flow?at=` (the replay banner's link): the traces of the quarter-hour around that moment, 10 min before to 5 after. */
function momentOf(v: string | null): number | null {
  if (!v) return null;
  const ms = /^\d{1,16}$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

export function TraceSearch({ onOpen }: { onOpen(traceId: string): void }) {
  const trpc = useTRPC();
  const robots = useFleetStore((s) => s.robots);
  const ids = useFleetStore((s) => s.ids);
  const [robotId, setRobotId] = useState<number | null>(null);
  const params = useSearchParams();
  const [at] = useState(() => momentOf(params.get('at')));
  const [minutes, setMinutes] = useState<number>(at === null ? 5 : 15);
  const [kind, setKind] = useState<'' | 'telemetry' | 'command'>('');
  const [until, setUntil] = useState<string>(() => (at === null ? '' : localInput(at + 5 * 60_000)));
  const toMs = until ? new Date(until).getTime() : undefined;
  // The window's end is fixed per query: rounding to a second keeps the query key stable between refetches.
  const end = toMs ?? Math.floor(Date.now() / 10_000) * 10_000 + 10_000;
  const q = useQuery({
    ...trpc.traces.search.queryOptions({
      ...(robotId !== null && { robotId }),
      ...(kind && { kind }),
      fromMs: end - minutes * 60_000,
      ...(toMs !== undefined && { toMs }),
      limit: 30,
    }),
    refetchInterval: toMs ? false : 3000,
  });
  return (
    <section className="trace-search" data-testid="trace-search">
      <h2>Search traces</h2>
      <div className="trace-search-form">
        <SelectFilter
          label="robot"
          value={robotId === null ? '' : String(robotId)}
          onChange={(v) => setRobotId(v ? Number(v) : null)}
          anyLabel="any"
          options={ids.map(String)}
          optionText={(id) => robots[Number(id)]?.serialNumber ?? id}
          testId="trace-search-robot"
        />
        <label>
          kind
          <select data-testid="trace-search-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">any</option>
            <option value="telemetry">telemetry</option>
            <option value="command">commands</option>
          </select>
        </label>
        <label>
          last
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {WINDOWS.map((m) => (
              <option key={m} value={m}>
                {m < 60 ? `${m} min` : `${m / 60} h`}
              </option>
            ))}
          </select>
        </label>
        <label>
          until
          <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
      </div>
      {q.isError && <p className="bad">{q.error.message}</p>}
      <TraceList traces={q.data ?? []} onOpen={onOpen} empty={q.isLoading ? 'Searching…' : 'No traces match.'} />
    </section>
  );
}

// What the robots' state messages became in the database: every state message carries a per-robot headerId that
// counts up by one (server/sim/robot-publisher.ts), so a missing id among the raw history samples (telemetry_slices,
// read back through the app's history store) is a message lost. Each gap is placed in time by its neighbours and
// blamed on an outage window when it falls inside one (plus a margin).
import { sql } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { createHistoryStore } from '../../server/adapters/storage/history-store';
import { HISTORY_SOURCE } from '../../server/domain/history/history-sample';
import { SLICE_TIER } from '../../server/domain/history/slice';
import { decodeSamples } from '../../server/domain/history/slice-codec';

export interface TelemetryCount {
  stored: number;
  /** Missing headerIds between stored ones, per robot, summed. */
  missing: number;
  /** Of those, gaps overlapping a declared outage window. */
  missingInOutages: number;
  /** Gaps outside every outage window: messages lost while the app was up. */
  missingOutside: number;
  /** Messages stored after the last outage window ended. */
  storedAfterOutages: number;
  gapsOutside: string[];
}

export async function countStateSamples(
  databaseUrl: string,
  outages: { from: number; to: number }[],
  marginMs = 2000,
): Promise<TelemetryCount> {
  // Chaos runs on Postgres only; dataDir is PGlite's and unused here.
  const db = await openDb({ databaseUrl, dataDir: '', migrate: false });
  try {
    const robots = await db.rows<{ id: number; serial: string }>(sql`select id, serial_number as serial from robots`);
    const serialOf = new Map(robots.map((r) => [Number(r.id), r.serial]));
    const slices = await createHistoryStore(db).readSlices({ tier: SLICE_TIER.raw, from: 0, to: Number.MAX_SAFE_INTEGER });
    const rows = slices
      .flatMap((s) =>
        decodeSamples(s.data)
          .filter((x) => x.source === HISTORY_SOURCE.state)
          .map((x) => ({ serial: serialOf.get(s.robotId) ?? `#${s.robotId}`, header_id: x.headerId, ts: new Date(x.ts) })),
      )
      .sort((a, b) => (a.serial === b.serial ? a.header_id - b.header_id : a.serial < b.serial ? -1 : 1));
    const lastOutageEnd = Math.max(0, ...outages.map((o) => o.to));
    const inOutage = (from: number, to: number) => outages.some((o) => from <= o.to + marginMs && to >= o.from - marginMs);
    const out: TelemetryCount = { stored: 0, missing: 0, missingInOutages: 0, missingOutside: 0, storedAfterOutages: 0, gapsOutside: [] };
    let prev: { serial: string; header_id: number; ts: Date } | null = null;
    for (const r of rows) {
      if (prev && prev.serial === r.serial && r.header_id === prev.header_id) continue; // a duplicate row
      out.stored++;
      if (r.ts.getTime() > lastOutageEnd) out.storedAfterOutages++;
      if (prev && prev.serial === r.serial && r.header_id > prev.header_id + 1) {
        const n = r.header_id - prev.header_id - 1;
        out.missing += n;
        if (inOutage(prev.ts.getTime(), r.ts.getTime())) out.missingInOutages += n;
        else {
          out.missingOutside += n;
          if (out.gapsOutside.length < 10)
            out.gapsOutside.push(`${r.serial}: ${n} missing between ${prev.ts.toISOString()} and ${r.ts.toISOString()}`);
        }
      }
      prev = r;
    }
    return out;
  } finally {
    await db.close();
  }
}

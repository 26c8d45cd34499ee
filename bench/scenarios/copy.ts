// Baseline (b): the same telemetry written by the app's own path (the history store's batched insert of slices,
// encoding included, as the history writer does it) and copied straight into telemetry_slices with COPY (the slices
// already encoded). Rows are samples: a raw slice holds 300 of them (30 s at 10 Hz).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { upsertRobot } from '../../db/queries/robots';
import { createHistoryStore } from '../../server/adapters/storage/history-store';
import { HISTORY_SOURCE, type HistorySample } from '../../server/domain/history/history-sample';
import { SLICE_TIER, type SliceRow } from '../../server/domain/history/slice';
import { encodeSamples } from '../../server/domain/history/slice-codec';
import { freshDatabase } from '../lib/database';

export interface CopyResult {
  /** Samples written. */
  rows: number;
  copyRowsPerSec: number;
  oursRowsPerSec: number;
  /** ours / COPY in cost per row (higher = ours is more expensive). */
  costRatio: number;
}

const PER_SLICE = 300;
const COLS = 'robot_id, tier, start_at, end_at, n, snapshot, data';

function makeSamples(robot: number, t0: number): HistorySample[] {
  return Array.from({ length: PER_SLICE }, (_, i) => ({
    ts: t0 + i * 100,
    source: HISTORY_SOURCE.visualization,
    headerId: i,
    x: 10 + robot + i * 0.12,
    y: 5 + (robot % 30),
    theta: 0.5,
    mapId: 'warehouse-1',
    speed: 1.2,
    battery: 80.5,
    driving: true,
    paused: false,
    charging: false,
    operatingMode: 'AUTOMATIC',
  }));
}

const copyLine = (r: SliceRow) =>
  `${r.robotId}\t${r.tier}\t${new Date(r.startMs).toISOString()}\t${new Date(r.endMs).toISOString()}\t${r.count}\t\\N\t\\\\x${Buffer.from(r.data).toString('hex')}\n`;

export async function runCopy(opts: { rows: number; databaseUrl?: string; batch?: number }): Promise<CopyResult> {
  const bench = await freshDatabase(opts.databaseUrl, 'copy');
  try {
    const db = await bench.open();
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push((await upsertRobot(db, { manufacturer: 'Bench', serialNumber: `B-${i}` })).id);
    const t0 = Date.now() - 3600_000;
    const sliceCount = Math.ceil(opts.rows / PER_SLICE);
    // Robot by robot, each slice following the robot's previous one.
    const samples = Array.from({ length: sliceCount }, (_, i) => ({
      robotId: ids[i % ids.length]!,
      startMs: t0 + Math.floor(i / ids.length) * PER_SLICE * 100,
    }));
    const batch = opts.batch ?? 100; // slices per statement: 30,000 samples
    const store = createHistoryStore(db);

    let t = performance.now();
    const encoded: SliceRow[] = [];
    for (let i = 0; i < samples.length; i += batch) {
      const rows = samples.slice(i, i + batch).map(({ robotId, startMs }) => {
        const data = encodeSamples(makeSamples(robotId, startMs));
        return { robotId, tier: SLICE_TIER.raw, startMs, endMs: startMs + (PER_SLICE - 1) * 100, count: PER_SLICE, snapshot: null, data };
      });
      await store.writeSlices(rows);
      encoded.push(...rows);
    }
    const oursSec = (performance.now() - t) / 1000;
    await db.close();

    const text = encoded.map(copyLine).join('');
    let copySec: number;
    if (bench.url) {
      const sql = postgres(bench.url, { max: 1, onnotice: () => {} });
      await sql`truncate telemetry_slices`;
      t = performance.now();
      const writable = await sql.unsafe(`copy telemetry_slices (${COLS}) from stdin`).writable();
      await pipeline(Readable.from([text]), writable);
      copySec = (performance.now() - t) / 1000;
      await sql.end();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const pg = await PGlite.create(`${bench.dataDir}/pglite`);
      await pg.query('truncate telemetry_slices');
      t = performance.now();
      await pg.query(`copy telemetry_slices (${COLS}) from '/dev/blob'`, [], { blob: new Blob([text]) });
      copySec = (performance.now() - t) / 1000;
      await pg.close();
    }
    const rows = sliceCount * PER_SLICE;
    const copyRowsPerSec = Math.round(rows / copySec);
    const oursRowsPerSec = Math.round(rows / oursSec);
    return { rows, copyRowsPerSec, oursRowsPerSec, costRatio: Math.round((copyRowsPerSec / oursRowsPerSec) * 100) / 100 };
  } finally {
    await bench.drop().catch(() => {});
  }
}

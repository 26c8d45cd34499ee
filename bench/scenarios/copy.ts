// Baseline (b): the same number of sample rows copied straight into the same kind of database with COPY,
// next to the app's own batched insert (insertSamples, unnest) on the same rows.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { insertSamples, type SampleRow } from '../../db/queries/robot-samples';
import { upsertRobot } from '../../db/queries/robots';
import { freshDatabase } from '../lib/database';

export interface CopyResult {
  rows: number;
  copyRowsPerSec: number;
  oursRowsPerSec: number;
  /** ours / COPY in cost per row (higher = ours is more expensive). */
  costRatio: number;
}

const COLS = 'robot_id, ts, source, header_id, x, y, theta, map_id, velocity, battery, driving, paused, operating_mode';

function makeRows(n: number, robotIds: number[]): SampleRow[] {
  const t0 = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    robotId: robotIds[i % robotIds.length]!,
    ts: t0 + i,
    source: 1,
    headerId: i,
    x: (i % 900) / 10,
    y: (i % 600) / 10,
    theta: (i % 628) / 100,
    mapId: 'warehouse-1',
    velocity: 1.2,
    battery: 80.5,
    driving: true,
    paused: false,
    operatingMode: 'AUTOMATIC',
  }));
}

const copyLine = (r: SampleRow) =>
  `${r.robotId}\t${new Date(r.ts).toISOString()}\t${r.source}\t${r.headerId}\t${r.x}\t${r.y}\t${r.theta}\t${r.mapId}\t${r.velocity}\t${r.battery}\t${r.driving ? 't' : 'f'}\t${r.paused ? 't' : 'f'}\t${r.operatingMode}\n`;

export async function runCopy(opts: { rows: number; databaseUrl?: string; batch?: number }): Promise<CopyResult> {
  const bench = await freshDatabase(opts.databaseUrl, 'copy');
  try {
    const db = await bench.open();
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push((await upsertRobot(db, { manufacturer: 'Bench', serialNumber: `B-${i}` })).id);
    const rows = makeRows(opts.rows, ids);
    const batch = opts.batch ?? 5000;

    let t = performance.now();
    for (let i = 0; i < rows.length; i += batch) await insertSamples(db, rows.slice(i, i + batch));
    const oursSec = (performance.now() - t) / 1000;
    await db.close();

    const text = rows.map(copyLine).join('');
    let copySec: number;
    if (bench.url) {
      const sql = postgres(bench.url, { max: 1, onnotice: () => {} });
      await sql`truncate robot_samples`;
      t = performance.now();
      const writable = await sql.unsafe(`copy robot_samples (${COLS}) from stdin`).writable();
      await pipeline(Readable.from([text]), writable);
      copySec = (performance.now() - t) / 1000;
      await sql.end();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const pg = await PGlite.create(`${bench.dataDir}/pglite`);
      await pg.query('truncate robot_samples');
      t = performance.now();
      await pg.query(`copy robot_samples (${COLS}) from '/dev/blob'`, [], { blob: new Blob([text]) });
      copySec = (performance.now() - t) / 1000;
      await pg.close();
    }
    const copyRowsPerSec = Math.round(rows.length / copySec);
    const oursRowsPerSec = Math.round(rows.length / oursSec);
    return { rows: rows.length, copyRowsPerSec, oursRowsPerSec, costRatio: Math.round((copyRowsPerSec / oursRowsPerSec) * 100) / 100 };
  } finally {
    await bench.drop().catch(() => {});
  }
}

// Worker-thread entry of the embedded database: PGlite (Postgres compiled to WebAssembly) runs synchronously
// while it works, so it gets its own thread instead of blocking the app's event loop (about a quarter of the
// main thread at 3.5k rows/s in a CPU profile).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object' }
  | { id: number; op: 'migrate'; statements: string[] }
  | { id: number; op: 'close' };

export type PgliteResponse = { id: number; ok: true; rows: unknown[] } | { id: number; ok: false; error: string; code?: string };

const port = parentPort!;
// PGlite's Postgres keeps 128 MB of shared buffers in the thread's WebAssembly memory, all of it resident once the
// database has been read through; the files sit in the OS page cache anyway, so 32 MB costs little: RSS of
// `npm start` with 24 robots fell by about 100 MB (docs/performance.md, "Memory").
const pg = await PGlite.create((workerData as { dir: string }).dir, {
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
});
// initOnly (db/client.ts, on a new data directory): initdb has run; the thread ends, taking its memory with it.
if ((workerData as { initOnly?: boolean }).initOnly) await pg.close();

port.on('message', (req: PgliteRequest) => {
  void handle(req).then(
    (rows) => port.postMessage({ id: req.id, ok: true, rows } satisfies PgliteResponse),
    (err: unknown) =>
      port.postMessage({
        id: req.id,
        ok: false,
        error: (err as Error).message,
        code: (err as { code?: string }).code,
      } satisfies PgliteResponse),
  );
});
port.postMessage({ id: 0, ok: true, rows: [] } satisfies PgliteResponse);

async function handle(req: PgliteRequest): Promise<unknown[]> {
  switch (req.op) {
    case 'query':
      return (await pg.query(req.sql, req.params, { rowMode: req.rowMode })).rows;
    case 'migrate':
      await pg.transaction(async (tx) => {
        for (const s of req.statements) await tx.exec(s);
      });
      return [];
    case 'close':
      await pg.close();
      return [];
  }
}

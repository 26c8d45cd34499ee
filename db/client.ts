// One database handle: embedded PGlite when DATABASE_URL is unset, Postgres through postgres.js when set.
// Same schema, same migrations, same queries for both.
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema';
import { pgText } from './pg-safe';
import type { PgliteRequest, PgliteResponse } from './pglite-worker';
import { startTsWorker } from '../platform/ts-worker';

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** Run raw SQL and return its rows, whatever the driver's result shape. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, 'migrations');

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Run drizzle migrations before returning. */
  migrate?: boolean;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.migrate ?? true) : openPglite(opts.dataDir, opts.migrate ?? true);
}

async function openPostgres(url: string, migrate: boolean): Promise<Db> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // fetch_types off: on every new connection postgres.js 3.4.9 fetches the array types from a handler that drops
  // the promise (connection.js, ReadyForQuery → fetchArrayTypes), so a connection that closes during that query
  // (a database going down, as in the chaos suite's Postgres outage) became an unhandled rejection with no app frame
  // ("write CONNECTION_CLOSED", "read ECONNRESET"). The app passes arrays as literals (db/queries/pg-array.ts) and
  // reads none, so it needs no array types.
  const client = postgres(url, { max: 8, onnotice: () => {}, connect_timeout: 10, fetch_types: false });
  const orm = drizzle(safeParams(client), { schema });
  if (migrate) {
    const { migrate: run } = await import('drizzle-orm/postgres-js/migrator');
    await run(orm, { migrationsFolder: MIGRATIONS_DIR });
  }
  return {
    kind: 'postgres',
    orm: orm as unknown as Orm,
    async rows<T extends Record<string, unknown>>(query: SQL) {
      return (await orm.execute(query)) as unknown as T[];
    },
    async ping() {
      await client`select 1`;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string, migrate: boolean): Promise<Db> {
  const { drizzle } = await import('drizzle-orm/pg-proxy');
  const dir = path.resolve(dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const rpc = await startPgliteThread(dir);
  // drizzle's proxy driver: every query crosses to the PGlite thread; selects come back as arrays of values.
  const orm = drizzle(
    (sql, params, method) =>
      rpc
        .call({ op: 'query', sql, params: params.map(safeParam), rowMode: method === 'all' ? 'array' : 'object' })
        .then((rows) => ({ rows })),
    { schema },
  );
  if (migrate) {
    const { migrate: run } = await import('drizzle-orm/pg-proxy/migrator');
    await run(orm, (statements) => rpc.call({ op: 'migrate', statements }).then(() => undefined), { migrationsFolder: MIGRATIONS_DIR });
  }
  return {
    kind: 'pglite',
    orm: orm as unknown as Orm,
    async rows<T extends Record<string, unknown>>(query: SQL) {
      return (await orm.execute(query)) as unknown as T[];
    },
    async ping() {
      await rpc.call({ op: 'query', sql: 'select 1', params: [], rowMode: 'array' });
    },
    async close() {
      await rpc.call({ op: 'close' });
      await rpc.terminate();
    },
  };
}

/** Every string parameter is made storable (no NUL, no lone surrogate: see pg-safe.ts) on its way to the driver. */
const safeParam = (p: unknown): unknown => (typeof p === 'string' ? pgText(p) : p);

type Sql = import('postgres').Sql;
/** The postgres.js client with its `unsafe` (what drizzle sends every query through) cleaning parameters, in transactions too. */
function safeParams(client: Sql): Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe')
        return (query: string, params?: unknown[], opts?: object) => target.unsafe(query, params?.map(safeParam) as never, opts as never);
      if (prop === 'begin')
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: Sql) => fn(safeParams(tx)));
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

type Request = DistributiveOmit<PgliteRequest, 'id'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The database's thread. Its young generation is capped at 16 MB: the process-wide `--max-semi-space-size=64` of
 * `npm start` is meant for the main thread's message garbage and would cost this thread up to 192 MB it never needs
 * (with the broker thread's, RSS of `npm start` went from 1.13 GB to 780 MB).
 */
function startPgliteWorker(data: { dir: string; initOnly?: boolean }) {
  return startTsWorker(new URL('./pglite-worker.ts', import.meta.url), data, { maxYoungGenerationSizeMb: 16 });
}

/**
 * A new data directory is made by a thread of its own that then ends: PGlite's initdb leaves two WebAssembly
 * instances (about 300 MB) that stay referenced, and resident, for the life of the thread that ran it.
 */
async function initDataDir(dir: string) {
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return;
  const worker = startPgliteWorker({ dir, initOnly: true });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the embedded database's first start ended (${code}) before ${dir} was ready`)));
  });
  await worker.terminate();
}

async function startPgliteThread(dir: string) {
  await initDataDir(dir);
  const worker = startPgliteWorker({ dir });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failed: Error | null = null;
  const failAll = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve()); // id 0: the database is open
    worker.once('error', reject);
  });
  worker.on('message', (res: PgliteResponse) => {
    const p = pending.get(res.id);
    if (!p) return;
    pending.delete(res.id);
    if (res.ok) p.resolve(res.rows);
    else p.reject(Object.assign(new Error(res.error), { code: res.code }));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`the embedded database thread exited (${code})`)));
  return {
    call(req: Request): Promise<unknown[]> {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...req, id });
      });
    },
    terminate: () => worker.terminate().then(() => undefined),
  };
}

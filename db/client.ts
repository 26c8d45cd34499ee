// One database handle: embedded PGlite when DATABASE_URL is unset, Postgres through postgres.js when set.
// Same schema, same migrations, same queries for both.
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema';

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
  const client = postgres(url, { max: 8, onnotice: () => {}, connect_timeout: 10 });
  const orm = drizzle(client, { schema });
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
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = path.resolve(dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const orm = drizzle(client, { schema });
  if (migrate) {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(orm, { migrationsFolder: MIGRATIONS_DIR });
  }
  return {
    kind: 'pglite',
    orm: orm as unknown as Orm,
    async rows<T extends Record<string, unknown>>(query: SQL) {
      const res = (await orm.execute(query)) as unknown as { rows: T[] };
      return res.rows;
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await client.close();
    },
  };
}

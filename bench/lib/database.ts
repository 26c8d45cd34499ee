// Databases for benchmark runs: a fresh PGlite directory, or a fresh database beside BENCH_DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDb, type Db } from '../../db/client';

export interface BenchDb {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  url: string | undefined;
  /** Opens it from the bench process (PGlite only once the app has exited: it is single-process). */
  open(): Promise<Db>;
  drop(): Promise<void>;
}

export async function freshDatabase(baseUrl: string | undefined, label: string): Promise<BenchDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fleetscope-bench-${label}-`));
  let url: string | undefined;
  let name: string | undefined;
  if (baseUrl) {
    name = `fleetscope_bench_${label}_${Date.now().toString(36)}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  return {
    kind: baseUrl ? 'postgres' : 'pglite',
    dataDir,
    url,
    open: () => openDb({ databaseUrl: url, dataDir, migrate: true }),
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (baseUrl && name) {
        const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  };
}

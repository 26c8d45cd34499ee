// Helpers for integration tests: a fresh database per test file (PGlite in a temp dir, or a new database on
// the Postgres that DATABASE_URL names), a free port, and a config that points at the services under test.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type AppConfig } from '../config';
import { deleteNatsStream } from '../adapters/bus/nats-jetstream';
import { createLogger } from '../adapters/logging/pino-logger';

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** True when nothing listens on this loopback port yet. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fleetscope-${prefix}-`));
}

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** With DATABASE_URL set, creates a new database beside it so runs never collide; returns its URL and a drop function. */
export async function createTestDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => {} };
  const { default: postgres } = await import('postgres');
  const name = `fleetscope_it_${uniq()}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Config for an app under test: real services when their URLs are set, embedded ones otherwise. */
export async function testConfig(
  overrides: Record<string, string | undefined> = {},
): Promise<{ config: AppConfig; cleanup: () => Promise<void> }> {
  const db = await createTestDatabase();
  const dataDir = tempDir('data');
  const busPrefix = `it${uniq()}`;
  const env: Record<string, string | undefined> = {
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    MQTT_URL: process.env.MQTT_URL,
    BUS_URL: process.env.BUS_URL,
    // A stream of its own on a shared NATS.
    BUS_PREFIX: busPrefix,
    MQTT_PORT: String(await freePort()),
    // A topic prefix of its own keeps parallel runs on a shared broker apart.
    VDA_INTERFACE: `it${uniq()}`,
    SIM_ROBOTS: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
  return {
    config: parseConfig(env),
    cleanup: async () => {
      await db.drop();
      if (process.env.BUS_URL) await deleteNatsStream(process.env.BUS_URL, busPrefix);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 10_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** A first port with the next `count` − 1 free too (a cluster's nodes take consecutive ports). */
export async function freePortRun(count: number): Promise<number> {
  for (;;) {
    const p = await freePort();
    if (p + count < 65536 && (await Promise.all(Array.from({ length: count }, (_, i) => portIsFree(p + i)))).every(Boolean)) return p;
  }
}

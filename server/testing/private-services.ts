// Private service instances for outage tests: a Postgres cluster made by initdb on a free port and a Mosquitto on
// a free port, both owned by the test. Tests stop, kill and restart only these, never the machine's shared services.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './test-env';

const PG_BIN = (() => {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
  return versions.length ? path.join(root, versions[versions.length - 1]!, 'bin') : '';
})();

/** True when this machine can run a private Postgres (initdb present). */
export const canRunPrivatePostgres = PG_BIN !== '' && fs.existsSync(path.join(PG_BIN, 'initdb'));
/** True when this machine can run a private Mosquitto. */
export const canRunPrivateMosquitto = spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0;

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a Postgres binary as the postgres user when we are root (initdb and postgres refuse to run as root). */
function pgArgs(bin: string, args: string[]): [string, string[]] {
  const exe = path.join(PG_BIN, bin);
  return isRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, host);
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PrivatePostgres {
  /** postgres://… URL of the database `test` on this cluster. */
  url: string;
  port: number;
  /** Fast shutdown (pg_ctl stop -m fast); connections are cut. */
  stop(): Promise<void>;
  /** Starts the cluster again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops the cluster and removes its files. */
  destroy(): Promise<void>;
}

/** Creates and starts a Postgres cluster of the test's own (trust auth, user `postgres`, database `test`). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!canRunPrivatePostgres) throw new Error('initdb not found: install postgresql to run outage tests');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetscope-pg-'));
  if (isRoot) spawnSync('chown', ['-R', 'postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const run = (bin: string, args: string[]) => {
    const [cmd, a] = pgArgs(bin, args);
    const r = spawnSync(cmd, a, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} failed: ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const ctl = (action: 'start' | 'stop') =>
    action === 'start'
      ? run('pg_ctl', [
          '-D',
          data,
          '-l',
          path.join(dir, 'log'),
          '-w',
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
          'start',
        ])
      : run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  ctl('start');
  await waitForPort(port, 10_000);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'test']);
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/test`,
    port,
    async stop() {
      if (running) ctl('stop');
      running = false;
    },
    async start() {
      if (!running) ctl('start');
      running = true;
      await waitForPort(port, 10_000);
    },
    async destroy() {
      try {
        if (running) ctl('stop');
      } catch {
        /* already down */
      }
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A service binary started on a port (waiting for it to listen) and killed with SIGKILL, as often as a test likes. */
export function killableService(bin: string, args: string[], port: number): { start(): Promise<void>; kill(): Promise<void> } {
  let child: ChildProcess | null = null;
  return {
    async start() {
      if (child) return;
      const c = spawn(bin, args, { stdio: 'ignore' });
      child = c;
      c.once('exit', () => {
        if (child === c) child = null;
      });
      await waitForPort(port, 10_000);
    },
    async kill() {
      const c = child;
      if (!c) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
  };
}

export interface PrivateMosquitto {
  url: string;
  port: number;
  /** SIGKILL: no clean disconnects, no last-will suppression. */
  kill(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** Starts a Mosquitto of the test's own on a free loopback port (anonymous, no persistence). */
export async function startPrivateMosquitto(): Promise<PrivateMosquitto> {
  if (!canRunPrivateMosquitto) throw new Error('mosquitto not found: install mosquitto to run broker outage tests');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetscope-mqtt-'));
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n`);
  const { start, kill } = killableService('mosquitto', ['-c', conf], port);
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    kill,
    start,
    async destroy() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A NATS server with JetStream of the test's own (free loopback port, its own store directory), for outage tests:
// killed and restarted by the test, never the machine's shared NATS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killableService } from './private-services';
import { freePort } from './test-env';

const NATS_BIN = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((p) => fs.existsSync(p)) ?? '';

/** True when this machine can run a private NATS server. */
export const canRunPrivateNats = NATS_BIN !== '' && spawnSync(NATS_BIN, ['--version']).status === 0;

export interface PrivateNats {
  url: string;
  /** SIGKILL: no goodbye to its clients; JetStream keeps what it had written to its store. */
  kill(): Promise<void>;
  /** Starts again on the same port and store. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivateNats(): Promise<PrivateNats> {
  if (!canRunPrivateNats) throw new Error('nats-server not found: install nats-server to run bus outage tests');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetscope-nats-'));
  const port = await freePort();
  const { start, kill } = killableService(NATS_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], port);
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    kill,
    start,
    async destroy() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

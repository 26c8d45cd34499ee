// The real server (server/index.ts, as `npm start` runs it) in a child process, for tests of the HTTP edge. Needs
// the production build (ensureNextBuild before calling). Its output is kept for assertions (e.g. no unhandled
// promise rejection was logged).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { deleteNatsStream } from '../adapters/bus/nats-jetstream';
import { ROOT_DIR } from '../next-build';
import { freePort, tempDir, waitFor } from './test-env';

export interface AppServer {
  base: string;
  output: string[];
  stop(): Promise<void>;
}

export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const dataDir = tempDir('app-server');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const busPrefix = `edge${Date.now().toString(36)}${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATA_DIR: dataDir,
      MQTT_URL: process.env.MQTT_URL ?? '',
      MQTT_PORT: String(await freePort()),
      VDA_INTERFACE: `edge${Date.now().toString(36)}`,
      // A stream of its own on a shared NATS (BUS_URL).
      BUS_PREFIX: busPrefix,
      SIM_ROBOTS: '0',
      LOG_LEVEL: 'warn',
      ALLOWED_ORIGINS: '',
      ...env,
    },
  });
  const output: string[] = [];
  const keep = (b: Buffer) => void output.push(...b.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    const busUrl = env.BUS_URL ?? process.env.BUS_URL;
    if (busUrl) await deleteNatsStream(busUrl, env.BUS_PREFIX ?? busPrefix).catch(() => {});
  };
  try {
    await waitFor(
      'the server to answer /api/health',
      async () => {
        if (child.exitCode !== null) throw new Error(`server/index.ts exited (${child.exitCode}):\n${output.slice(-20).join('\n')}`);
        return fetch(`${base}/api/health`).then(
          () => true,
          () => false,
        );
      },
      45_000,
      200,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, output, stop };
}

// A second, empty app for tests that need one (the history import): its own port, data directory, embedded broker
// port and database (start-app.ts makes one when DATABASE_URL is set), no simulated robots, and the same first
// administrator as the main e2e app. Started by the test that needs it and stopped by its pid.
import { type ChildProcess, spawn } from 'node:child_process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './auth';

export interface FreshApp {
  baseURL: string;
  stop(): Promise<void>;
}

export async function startFreshApp(port = Number(process.env.E2E_FRESH_PORT ?? 3101)): Promise<FreshApp> {
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: `.tmp/e2e-fresh-${Date.now()}`,
    SIM_ROBOTS: '0',
    // Against a shared Postgres, start-app.ts must not sweep "leftover" e2e databases: the main app's is running.
    E2E_SECOND_APP: '1',
    MQTT_PORT: String(Number(process.env.E2E_FRESH_MQTT_PORT ?? 1885)),
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const child: ChildProcess = spawn('node_modules/.bin/tsx', ['--max-semi-space-size=64', 'e2e/start-app.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    process.kill(-child.pid, 'SIGTERM');
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
    if (!killed && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the fresh app exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseURL}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { baseURL, stop };
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(`the fresh app did not answer /api/health within 120 s:\n${output}`);
}

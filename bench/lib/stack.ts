// The app and simulator processes a scenario runs against.
import { freePort } from '../../server/testing/test-env';
import { getJson, sleep, startTs, type Child } from './proc';

export interface AppStack {
  app: Child;
  port: number;
  url: string;
  brokerUrl: string;
  iface: string;
}

export async function startApp(o: { dataDir: string; databaseUrl?: string; mqttUrl?: string; fanoutHz?: number; env?: Record<string, string> }): Promise<AppStack> {
  const port = await freePort();
  const mqttPort = await freePort();
  const iface = `bench${Date.now().toString(36)}`;
  const app = startTs(
    'server/index.ts',
    [],
    {
      PORT: String(port),
      DATA_DIR: o.dataDir,
      DATABASE_URL: o.databaseUrl,
      MQTT_URL: o.mqttUrl,
      MQTT_PORT: String(mqttPort),
      VDA_INTERFACE: iface,
      SIM_ROBOTS: '0',
      FANOUT_HZ: String(o.fanoutHz ?? 10),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...o.env,
    },
    'app',
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(`${url}/api/health`, app);
  } catch (err) {
    await app.stop('SIGKILL');
    throw err;
  }
  return { app, port, url, brokerUrl: o.mqttUrl ?? `mqtt://127.0.0.1:${mqttPort}`, iface };
}

/** One simulator process per 1,000 robots: one process tops out near 10k messages/s on this machine. */
export function startSims(o: { robots: number; hz: number; brokerUrl: string; iface: string; seconds?: number; name: string }): Child[] {
  const sims: Child[] = [];
  for (let start = 1; start <= o.robots; start += 1000) {
    const n = Math.min(1000, o.robots - start + 1);
    const args = ['--robots', String(n), '--hz', String(o.hz), '--broker', o.brokerUrl, '--interface', o.iface, '--start-index', String(start)];
    if (o.seconds) args.push('--duration', String(o.seconds));
    sims.push(startTs('server/sim/cli.ts', args, {}, `${o.name}-sim${start}`));
  }
  return sims;
}

export const SIM_DONE = /sim: stopped; sent (\d+) visualization, (\d+) state, (\d+) total/;

async function waitHealthy(url: string, app: Child, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.proc.exitCode !== null) throw new Error(`app exited (${app.proc.exitCode}):\n${app.output.slice(-15).join('\n')}`);
    try {
      if ((await getJson<{ status: string }>(url)).status === 'ok') return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`app at ${url} not healthy within ${timeoutMs} ms`);
}

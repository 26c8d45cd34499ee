// The real app as a child process (as `npm start` runs it: NODE_ENV=production, a 64 MB young generation), on a port
// and data directory of its own, signed in as its first administrator. kill -9 and restart keep the port, the
// database and the interface name, so the restarted app is the same installation.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildIsCurrent } from '../../server/next-build';
import { freePort } from '../../server/testing/test-env';
import { signIn, type BenchSession } from '../../bench/lib/trpc-http';
import { startChild, type ChaosChild } from './child';

/** Lines of the app's log that must never appear (Next logs "⨯ unhandledRejection: …"; pino may log its own). */
export const APP_LOG_COUNTS = { unhandledRejections: /unhandled ?rejection/i, uncaughtExceptions: /uncaught ?exception/i };

export interface AppHandle {
  url: string;
  iface: string;
  child: ChaosChild;
  /** Signed in as the first administrator (renewed by start). */
  admin: BenchSession;
  /** Starts the app (again) and waits until /api/health says ok and the admin is signed in. */
  start(timeoutMs?: number): Promise<void>;
  /** kill -9: no shutdown, no flush. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  /** Summed over every start: unhandled rejections, uncaught exceptions, log bytes. */
  counts(): Record<string, number>;
  starts: number;
}

export interface HealthAnswer {
  /** 'no-answer' when nothing came back within the timeout. */
  status: string;
  http: number;
  ms: number;
  components: Record<string, { status: string; [k: string]: unknown }>;
}

export async function getHealth(url: string, timeoutMs = 5000): Promise<HealthAnswer> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { status: string; components?: HealthAnswer['components'] };
    return { status: body.status, http: res.status, ms: Math.round(performance.now() - t0), components: body.components ?? {} };
  } catch {
    return { status: 'no-answer', http: 0, ms: Math.round(performance.now() - t0), components: {} };
  }
}

/**
 * CHAOS_APP_DEV=1 runs the app with --dev (Next compiles on demand into .next/dev): only for working on the
 * scenarios while no current production build exists; its figures are not the product's.
 */
const DEV = process.env.CHAOS_APP_DEV === '1';

export async function createApp(o: {
  dir: string;
  databaseUrl?: string;
  mqttUrl?: string;
  env?: Record<string, string>;
}): Promise<AppHandle> {
  const port = await freePort();
  const mqttPort = await freePort();
  const iface = `chaos${randomBytes(3).toString('hex')}`;
  const email = 'chaos-admin@chaos.local';
  const password = randomBytes(18).toString('base64url');
  const url = `http://127.0.0.1:${port}`;
  const previous: Record<string, number>[] = [];
  const env = {
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    DATA_DIR: path.join(o.dir, 'data'),
    DATABASE_URL: o.databaseUrl,
    MQTT_URL: o.mqttUrl,
    MQTT_PORT: String(mqttPort),
    VDA_INTERFACE: iface,
    SIM_ROBOTS: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: DEV ? 'development' : 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ADMIN_EMAIL: email,
    ADMIN_PASSWORD: password,
    ...o.env,
  };
  const h: AppHandle = {
    url,
    iface,
    child: null as unknown as ChaosChild,
    admin: null as unknown as BenchSession,
    starts: 0,
    async start(timeoutMs = 180_000) {
      if (h.child && !h.child.exited()) throw new Error('the app is already running');
      // The app builds Next itself when the build is older than the UI sources: minutes inside a scenario's
      // deadline, and a failed build leaves no build at all for anyone. Ask for `npm run build` instead.
      if (!DEV && !buildIsCurrent())
        throw new Error('no current production build (.next older than the UI sources): run `npm run build` first');
      if (h.child) previous.push({ ...h.child.counts(), logBytes: h.child.bytes() });
      h.starts++;
      h.child = startChild({
        script: 'server/index.ts',
        ...(DEV && { args: ['--dev'] }),
        env,
        name: `app#${h.starts}`,
        logFile: path.join(o.dir, `app-${h.starts}.log`),
        count: APP_LOG_COUNTS,
        nodeFlags: ['--max-semi-space-size=64'],
      });
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (h.child.exited()) throw new Error(`the app exited while starting:\n${h.child.tail().slice(-10).join('\n')}`);
        if ((await getHealth(url, 2000)).status === 'ok') break;
        if (Date.now() > deadline) throw new Error(`the app was not healthy within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
      h.admin = await signIn(url, email, password);
    },
    async kill9() {
      await h.child?.stop('SIGKILL');
    },
    async stop() {
      await h.child?.stop('SIGTERM', 15_000);
    },
    counts() {
      const all = [...previous, ...(h.child ? [{ ...h.child.counts(), logBytes: h.child.bytes() }] : [])];
      const sum: Record<string, number> = {};
      for (const c of all) for (const [k, v] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    },
  };
  return h;
}

// The app and simulator processes a scenario runs against. The app requires sign-in: it starts with a first
// administrator (ADMIN_EMAIL / ADMIN_PASSWORD), the bench signs in as that admin through the real login endpoint,
// and scenarios get users of the role they need (signInAs) for their tRPC calls and Socket.IO viewers.
import { randomBytes } from 'node:crypto';
import type { Role } from '../../server/domain/identity/roles';
import { buildIsCurrent } from '../../server/next-build';
import { freePort } from '../../server/testing/test-env';
import { getJson, sleep, startTs, type Child } from './proc';
import { signIn, trpcMutation, type BenchSession } from './trpc-http';

export interface AppStack {
  app: Child;
  port: number;
  url: string;
  brokerUrl: string;
  iface: string;
  /** Signed in as the first administrator. */
  admin: BenchSession;
  /** The broker URL for simulated robots, with their MQTT login in it when the app's embedded broker wants one. */
  robotBrokerUrl: string;
  /** The same login as connect options, for simulators started in the bench process (startFleet). */
  robotLogin: { username?: string; password?: string };
}

const ADMIN_EMAIL = 'bench-admin@bench.local';
/** The simulator's default manufacturer (server/sim/cli.ts, startFleet). */
const SIM_MANUFACTURER = 'SimRobotics';
let warnedBuild = false;

export async function startApp(o: {
  dataDir: string;
  databaseUrl?: string;
  mqttUrl?: string;
  fanoutHz?: number;
  /**
   * As `npm start` runs on its defaults: the built-in simulated fleet (SIM_ROBOTS), fan-out rate and log level left
   * to the app's config (`fanoutHz` is then ignored), so a long run measures what an installation runs.
   */
  npmStartDefaults?: boolean;
  env?: Record<string, string>;
}): Promise<AppStack> {
  const port = await freePort();
  const mqttPort = await freePort();
  const iface = `bench${Date.now().toString(36)}`;
  const adminPassword = randomBytes(18).toString('base64url');
  if (!warnedBuild && !buildIsCurrent()) {
    warnedBuild = true;
    console.log('  (the production build is missing or older than the UI sources: the first app start runs `next build`)');
  }
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
      // On NATS (BUS_URL in env), a stream of its own: a durable consumer left by an earlier app must not feed it.
      BUS_PREFIX: iface,
      // Undefined leaves a variable out of the app's environment (whatever the shell has): the config default applies.
      SIM_ROBOTS: o.npmStartDefaults ? undefined : '0',
      FANOUT_HZ: o.npmStartDefaults ? undefined : String(o.fanoutHz ?? 10),
      LOG_LEVEL: o.npmStartDefaults ? undefined : 'warn',
      NODE_ENV: 'production',
      ADMIN_EMAIL,
      ADMIN_PASSWORD: adminPassword,
      ...o.env,
    },
    'app',
  );
  const url = `http://127.0.0.1:${port}`;
  const brokerUrl = o.mqttUrl ?? `mqtt://127.0.0.1:${mqttPort}`;
  try {
    await waitHealthy(`${url}/api/health`, app);
    const admin = await signIn(url, ADMIN_EMAIL, adminPassword);
    // An external broker (MQTT_URL) does its own checks: robots use the credentials in its URL, if any.
    const robotLogin = o.mqttUrl ? {} : await createRobotLogin(admin);
    return { app, port, url, brokerUrl, iface, admin, robotBrokerUrl: withLogin(brokerUrl, robotLogin), robotLogin };
  } catch (err) {
    await app.stop('SIGKILL');
    throw err;
  }
}

/** The simulated robots' MQTT login: a credential for every robot of their manufacturer, created as an admin would. */
async function createRobotLogin(admin: BenchSession): Promise<{ username?: string; password?: string }> {
  const username = `bench-sim-${randomBytes(3).toString('hex')}`;
  try {
    const { password } = await trpcMutation<{ password: string }>(admin, 'credentials.create', {
      username,
      manufacturer: SIM_MANUFACTURER,
      serialNumber: null,
      note: 'benchmark simulators',
    });
    return { username, password };
  } catch (err) {
    // An app without robot credentials (no credentials.* procedures) runs an open broker.
    if (/HTTP 404/.test((err as Error).message)) return {};
    throw err;
  }
}

function withLogin(brokerUrl: string, login: { username?: string; password?: string }): string {
  if (login.username === undefined) return brokerUrl;
  const u = new URL(brokerUrl);
  u.username = encodeURIComponent(login.username);
  u.password = encodeURIComponent(login.password ?? '');
  return u.toString().replace(/\/$/, '');
}

/** Creates a user with this role (users.create, as the admin) and signs in as them through POST /api/auth/login. */
export async function signInAs(stack: AppStack, role: Role): Promise<BenchSession> {
  const email = `bench-${role}-${randomBytes(3).toString('hex')}@bench.local`;
  const password = randomBytes(18).toString('base64url');
  await trpcMutation(stack.admin, 'users.create', { email, password, role });
  return signIn(stack.url, email, password);
}

/**
 * Socket.IO viewers in their own process (bench/viewers.ts), all with one session cookie; `url` may list several
 * app nodes (comma-separated). Resolves once every socket is connected; a refusal by the app is an error.
 */
export async function startViewerProcess(o: { url: string; cookie: string; clients: number; children: Child[] }): Promise<Child> {
  const viewers = startTs(
    'bench/viewers.ts',
    ['--url', o.url, '--clients', String(o.clients), '--warmup', '3000'],
    { FLEETSCOPE_COOKIE: o.cookie },
    'viewers',
    { stdin: true },
  );
  o.children.push(viewers);
  const ready = (await viewers.waitFor(/^(READY|REFUSED .*)$/, 30_000))[1]!;
  if (ready !== 'READY') throw new Error(`the app refused the viewers' sockets: ${ready}`);
  return viewers;
}

/** One simulator process per 1,000 robots: one process tops out near 10k messages/s on this machine. */
export function startSims(o: { robots: number; hz: number; brokerUrl: string; iface: string; seconds?: number; name: string }): Child[] {
  const sims: Child[] = [];
  for (let start = 1; start <= o.robots; start += 1000) {
    const n = Math.min(1000, o.robots - start + 1);
    const args = [
      '--robots',
      String(n),
      '--hz',
      String(o.hz),
      '--broker',
      o.brokerUrl,
      '--interface',
      o.iface,
      '--start-index',
      String(start),
      // 2.0 robots only, as in every earlier run of the bench, so its figures stay comparable over time.
      '--v3-share',
      '0',
    ];
    if (o.seconds) args.push('--duration', String(o.seconds));
    sims.push(startTs('server/sim/cli.ts', args, {}, `${o.name}-sim${start}`));
  }
  return sims;
}

/** How long after every robot has connected the viewers start measuring: registrations, factsheets and JIT settle. */
const SETTLE_MS = 2000;

/**
 * Starts the viewers' measurement once every simulator reports all its robots connected, plus SETTLE_MS: the
 * figures are the steady state, not the start-up (loss is still counted over the whole run).
 */
export async function measureWhenSettled(sims: Child[], viewers: Child): Promise<void> {
  await Promise.all(sims.map((s) => s.waitFor(/^sim: all robots connected/, 120_000)));
  await sleep(SETTLE_MS);
  viewers.proc.stdin?.write('MEASURE\n');
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

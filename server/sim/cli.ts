// npm run sim -- --robots 50 --hz 10 --broker mqtt://127.0.0.1:1883 [--seed 1] [--interface uagv]
//                (a broker that wants a login: --broker mqtt://<username>:<password>@host:port)
//                [--manufacturer SimRobotics] [--serial-prefix SIM-] [--start-index 1] [--duration 30] [--verbose]
//                [--autonomous always|whenIdle|never] [--protocol 2.0|3.0] [--v3-share 0.25 (default)] [--map site.lif.json]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { redactBrokerUrl, splitBrokerUrl } from '../protocol/broker-url';
import type { WarehouseMap } from '../domain/warehouse-map';
import type { AutonomousPolicy } from './agv-model';
import { readSiteFile } from '../protocol/lif-file';
import { startFleet } from './fleet';

const SUMMARY_EVERY_MS = 5000;

function fail(message: string): never {
  console.error(`sim: ${message}`);
  process.exit(2);
}

function num(name: string, raw: string | undefined, fallback: number, check: (v: number) => boolean, rule: string): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || !check(v)) fail(`--${name} must be ${rule}, got "${raw}"`);
  return v;
}

function parseOptions() {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the destructuring assignment below (control-flow typing)
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        robots: { type: 'string', default: '50' },
        hz: { type: 'string', default: '10' },
        broker: { type: 'string', default: process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883' },
        seed: { type: 'string', default: '1' },
        interface: { type: 'string', default: process.env.VDA_INTERFACE ?? 'uagv' },
        manufacturer: { type: 'string', default: 'SimRobotics' },
        'serial-prefix': { type: 'string', default: 'SIM-' },
        'start-index': { type: 'string', default: '1' },
        duration: { type: 'string' },
        map: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        autonomous: { type: 'string', default: 'whenIdle' },
        protocol: { type: 'string' },
        'v3-share': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const topicSafe = /^[A-Za-z0-9._-]+$/;
  if (!/^(mqtts?|wss?|tcp):\/\//.test(values.broker)) fail(`--broker must be a URL like mqtt://host:1883, got "${values.broker}"`);
  for (const key of ['interface', 'manufacturer', 'serial-prefix'] as const) {
    if (!topicSafe.test(values[key])) fail(`--${key} may only contain letters, digits, ".", "_" and "-", got "${values[key]}"`);
  }
  const policies: readonly AutonomousPolicy[] = ['always', 'whenIdle', 'never'];
  const autonomous =
    policies.find((p) => p === values.autonomous) ?? fail(`--autonomous must be always, whenIdle or never, got "${values.autonomous}"`);
  if (values.protocol !== undefined && values.protocol !== '2.0' && values.protocol !== '3.0')
    fail(`--protocol must be 2.0 or 3.0, got "${values.protocol}"`);
  if (values.protocol !== undefined && values['v3-share'] !== undefined) fail('give --protocol or --v3-share, not both');
  const v3Share =
    values.protocol === '3.0'
      ? 1
      : values.protocol === '2.0'
        ? 0
        : num('v3-share', values['v3-share'], 0.25, (v) => v >= 0 && v <= 1, 'a number from 0 to 1 (the share of robots on VDA 5050 3.0)');
  return {
    autonomous,
    v3Share,
    robots: num('robots', values.robots, 50, (v) => Number.isInteger(v) && v >= 0 && v <= 20_000, 'an integer from 0 to 20000'),
    hz: num('hz', values.hz, 10, (v) => v > 0 && v <= 100, 'a number in (0, 100]'),
    seed: num('seed', values.seed, 1, Number.isInteger, 'an integer'),
    startIndex: num('start-index', values['start-index'], 1, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1'),
    duration: values.duration === undefined ? undefined : num('duration', values.duration, 0, (v) => v > 0, 'a positive number of seconds'),
    brokerUrl: values.broker,
    iface: values.interface,
    manufacturer: values.manufacturer,
    serialPrefix: values['serial-prefix'],
    mapPath: values.map ?? new URL('../../db/seed/warehouse-map.json', import.meta.url),
    verbose: values.verbose,
  };
}

async function loadMap(path: string | URL): Promise<WarehouseMap> {
  try {
    // A LIF file (what SITE_LAYOUT loads) or the app's own map JSON.
    const map = typeof path === 'string' ? await readSiteFile(path) : (JSON.parse(readFileSync(path, 'utf8')) as WarehouseMap);
    if (!Array.isArray(map.nodes) || !Array.isArray(map.edges) || typeof map.mapId !== 'string') throw new Error('not a WarehouseMap');
    return map;
  } catch (err) {
    return fail(`cannot load map ${String(path)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function main(): Promise<void> {
  const o = parseOptions();
  const map = await loadMap(o.mapPath);
  // Credentials in the URL become connect options, so the password is never printed.
  const { url, username, password } = splitBrokerUrl(o.brokerUrl);
  const login = { ...(username !== undefined && { username }), ...(password !== undefined && { password }) };
  const fleet = await startFleet({
    ...o,
    brokerUrl: url,
    clientOptions: login,
    map,
    ...(o.verbose && { logger: (m: string) => console.log(m) }),
  });
  console.log(
    `sim: ${o.robots} robots at ${o.hz} Hz → ${redactBrokerUrl(o.brokerUrl)} (${o.iface}/${o.v3Share >= 1 ? 'v3' : o.v3Share > 0 ? `v2 and v3 (${Math.round(o.v3Share * 100)}%)` : 'v2'}/${o.manufacturer}/…), seed ${o.seed}`,
  );
  void fleet.ready.then(() => console.log('sim: all robots connected'));

  let last = fleet.published();
  let lastAt = Date.now();
  const summary = setInterval(() => {
    const now = fleet.published();
    const secs = (Date.now() - lastAt) / 1000;
    const rate = (n: number, m: number): string => ((n - m) / secs).toFixed(0);
    console.log(
      `sim: visualization ${rate(now.visualization, last.visualization)}/s, state ${rate(now.state, last.state)}/s, total ${now.total} sent`,
    );
    last = now;
    lastAt = Date.now();
  }, SUMMARY_EVERY_MS);

  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(summary);
    console.log(`sim: ${why}, stopping cleanly…`);
    await fleet.stop({ clean: true });
    const p = fleet.published();
    console.log(`sim: stopped; sent ${p.visualization} visualization, ${p.state} state, ${p.total} total`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (o.duration !== undefined) setTimeout(() => void stop(`${o.duration}s elapsed`), o.duration * 1000);
}

main().catch((err: unknown) => {
  console.error(`sim: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// History read back on the real path: simulated robots over MQTT → gateway → bus → history writer → slices in the
// database (PGlite, or Postgres with DATABASE_URL), then history.fleetAt / range / robotSeries through the router
// against what the robots sent (taken off the bus), an export over HTTP, and its import into a second, fresh app
// (no simulator, its own database) through that app's broker: the same robot serials appear there and move, their
// positions within 0.01 m of the export.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthEndpoints } from '../../adapters/http/auth-endpoints';
import { createHistoryEndpoints } from '../../adapters/http/history-endpoints';
import { appRouter } from '../../api/root';
import { createCallerFactory } from '../../api/trpc';
import { createApp, type App } from '../../app';
import type { ExportLine } from '../../domain/history/history-api';
import type { Envelope } from '../../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../../domain/telemetry';
import { contextAs, cookieAs } from '../../testing/sign-in';
import { testConfig, testLogger, waitFor } from '../../testing/test-env';

const ROBOTS = 3;
const EPS = 0.01;
interface Sent {
  robotId: number;
  serial: string;
  ts: number;
  topic: 'visualization' | 'state';
  x: number;
  y: number;
}

let a: App;
let b: App;
let serverA: http.Server;
let serverB: http.Server;
let baseA: string;
let baseB: string;
const cleanups: (() => Promise<void>)[] = [];
const sent: Sent[] = [];
let from = 0;
let to = 0;

async function serve(app: App): Promise<{ server: http.Server; base: string }> {
  const auth = createAuthEndpoints({ identity: app.identity, audit: app.audit, origins: app.origins, logger: testLogger });
  const h = createHistoryEndpoints({
    reader: app.history.reader,
    importer: app.history.importer,
    principalOf: auth.principalOf,
    deny: (e) => app.audit.deny(e),
    origins: app.origins,
    logger: testLogger,
  });
  const server = http.createServer((req, res) => {
    if (h.handles(req)) return void h.serve(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  const ta = await testConfig({ SIM_ROBOTS: String(ROBOTS), SIM_HZ: '5', SIM_SEED: '7' });
  cleanups.push(ta.cleanup);
  a = await createApp(ta.config, { logger: testLogger });
  await waitFor('robots online', () => a.store.list().filter((r) => r.connection === 'ONLINE' && r.pose).length === ROBOTS, 30_000);
  a.bus.subscribe(SUBJECTS.visualization, record, { name: 'test-recorder' });
  a.bus.subscribe(SUBJECTS.state, record, { name: 'test-recorder-state' });
  ({ server: serverA, base: baseA } = await serve(a));
  const tb = await testConfig({ SIM_ROBOTS: '0' });
  cleanups.push(tb.cleanup);
  b = await createApp(tb.config, { logger: testLogger });
  ({ server: serverB, base: baseB } = await serve(b));

  // The window: 6 s of driving robots, then every open slice written.
  await new Promise((r) => setTimeout(r, 1_000));
  from = Date.now();
  await new Promise((r) => setTimeout(r, 6_000));
  to = Date.now();
  // Messages stamped before `to` are all in by now; then every open slice is written.
  await new Promise((r) => setTimeout(r, 1_000));
  await a.history.writer.flush();
}, 240_000);

function record(env: Envelope) {
  const t = env.payload as RobotTelemetry;
  if (t.topic !== 'visualization' && t.topic !== 'state') return;
  const p = t.message.agvPosition;
  if (!p) return;
  sent.push({ robotId: t.robotId, serial: t.serialNumber, ts: Date.parse(t.message.timestamp), topic: t.topic, x: p.x, y: p.y });
}

afterAll(async () => {
  serverA?.close();
  serverB?.close();
  await b?.stop();
  await a?.stop();
  for (const c of cleanups) await c();
});

const inWindow = () => sent.filter((s) => s.ts >= from && s.ts <= to);
const caller = async (app: App) => createCallerFactory(appRouter)(await contextAs(app, 'viewer'));

describe('history read back from a simulated fleet', () => {
  it('range pages hold every sample the robots sent in the window, positions within 1 cm', async () => {
    const api = await caller(a);
    const got = new Map<number, { t: number; x: number; y: number }[]>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await api.history.range({ from, to, ...(cursor && { cursor }) });
      pages++;
      for (const tr of p.tracks) {
        const list = got.get(tr.robotId) ?? [];
        tr.t.forEach((t, i) => list.push({ t, x: tr.x[i]!, y: tr.y[i]! }));
        got.set(tr.robotId, list);
      }
      cursor = p.nextCursor ?? undefined;
    } while (cursor && pages < 100);
    const window = inWindow();
    expect(window.length).toBeGreaterThan(ROBOTS * 20);
    let matched = 0;
    for (const s of window) {
      const hit = (got.get(s.robotId) ?? []).find((g) => g.t === s.ts && Math.abs(g.x - s.x) < EPS && Math.abs(g.y - s.y) < EPS);
      if (hit) matched++;
    }
    expect(matched).toBe(window.length);
  }, 30_000);

  it('fleetAt gives each robot the pose of its latest message at that moment; ISO times are accepted', async () => {
    const api = await caller(a);
    const at = Math.round((from + to) / 2);
    const fleet = await api.history.fleetAt({ at: new Date(at).toISOString() });
    expect(fleet.tier).toBe('raw');
    for (const r of a.store.list()) {
      const latest = sent
        .filter((s) => s.robotId === r.id && s.ts <= at)
        .sort((x, y) => x.ts - y.ts)
        .at(-1)!;
      const view = fleet.robots.find((v) => v.id === r.id)!;
      expect(view.sampleAt).toBe(latest.ts);
      expect(Math.abs(view.pose!.x - latest.x)).toBeLessThan(EPS);
      expect(Math.abs(view.pose!.y - latest.y)).toBeLessThan(EPS);
      expect(view.connection).toBe('ONLINE');
    }
  });

  it('robotSeries gives columns of one length, ≤ 2000 points, values the robot sent', async () => {
    const api = await caller(a);
    const id = a.store.list()[0]!.id;
    const s = await api.history.robotSeries({ robotId: id, from, to, fields: ['x', 'y', 'battery', 'status', 'errors'] });
    expect(s.t.length).toBeGreaterThan(10);
    expect(s.t.length).toBeLessThanOrEqual(2000);
    for (const f of ['x', 'y', 'battery', 'status', 'errors'] as const) expect(s.values[f]!.length).toBe(s.t.length);
    const sentOf = sent.filter((x) => x.robotId === id);
    s.t.forEach((t, i) => {
      const m = sentOf.find((x) => x.ts === t && Math.abs(x.x - s.values.x![i]!) < EPS);
      expect(m, `sample at ${t}`).toBeDefined();
    });
  });

  it('refuses windows it does not serve with clear errors', async () => {
    const api = await caller(a);
    await expect(api.history.range({ from: to, to: from })).rejects.toThrow(/from must not be after to/);
    await expect(api.history.range({ from: 0, to: 2 * 24 * 3600_000 })).rejects.toThrow(/at most 24 h/);
    await expect(api.history.fleetAt({ at: 'yesterday' })).rejects.toThrow(/ISO 8601/);
  });
});

describe('export and import', () => {
  let lines: ExportLine[] = [];

  it('GET /api/history/export streams the window as JSON Lines to a viewer; bad params 400, anonymous 401', async () => {
    const cookie = await cookieAs(a, 'viewer');
    const res = await fetch(`${baseA}/api/history/export?from=${from}&to=${new Date(to).toISOString()}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="history-/);
    lines = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ExportLine);
    // Every message a robot sent in the window is in the export (rebuilt), plus connection changes if any.
    expect(lines.filter((l) => !l.topic.endsWith('/connection')).length).toBe(inWindow().length);
    expect(new Set(lines.map((l) => (l.payload as { serialNumber: string }).serialNumber)).size).toBe(ROBOTS);
    const one = a.store.list()[0]!;
    const only = await fetch(`${baseA}/api/history/export?from=${from}&to=${to}&robots=${one.id}`, { headers: { Cookie: cookie } });
    expect(
      new Set(
        (await only.text())
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as ExportLine).topic.split('/')[3]),
      ),
    ).toEqual(new Set([one.serialNumber]));
    const bad = await fetch(`${baseA}/api/history/export?from=${to}&to=${from}`, { headers: { Cookie: cookie } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/from must not be after to/);
    expect((await fetch(`${baseA}/api/history/export?from=0&to=${2 * 86_400_000}`, { headers: { Cookie: cookie } })).status).toBe(400);
    expect((await fetch(`${baseA}/api/history/export?from=${from}&to=${to}`)).status).toBe(401);
  }, 30_000);

  it('POST /api/history/import replays it into a fresh app: the same robots appear and move, within 1 cm', async () => {
    const cookie = await cookieAs(b, 'operator');
    const viewer = await cookieAs(b, 'viewer');
    const body = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
    const post = (c: string) =>
      fetch(`${baseB}/api/history/import?speed=4`, {
        method: 'POST',
        body,
        headers: { Cookie: c, Origin: baseB, 'Content-Type': 'application/x-ndjson' },
      });
    expect((await post(viewer)).status).toBe(403);
    const seen = new Map<string, Set<string>>();
    const watch = setInterval(() => {
      for (const r of b.store.list())
        if (r.pose) seen.set(r.serialNumber, (seen.get(r.serialNumber) ?? new Set()).add(`${r.pose.x},${r.pose.y}`));
    }, 50);
    const res = await post(cookie);
    clearInterval(watch);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ lines: lines.length, published: lines.length, refused: 0, robots: ROBOTS });
    const serials = [...new Set(lines.map((l) => (l.payload as { serialNumber: string }).serialNumber))].sort();
    await waitFor('imported robots', () => b.store.list().filter((r) => r.pose).length === ROBOTS, 10_000);
    expect(
      b.store
        .list()
        .map((r) => r.serialNumber)
        .sort(),
    ).toEqual(serials);
    const moved: string[] = [];
    for (const serial of serials) {
      const last = lines.filter((l) => l.topic.split('/')[3] === serial && 'agvPosition' in l.payload).at(-1)!;
      const pos = last.payload.agvPosition as { x: number; y: number };
      const robot = await waitFor(`${serial} at its last exported pose`, () =>
        b.store
          .list()
          .find((r) => r.serialNumber === serial && r.pose && Math.abs(r.pose.x - pos.x) < EPS && Math.abs(r.pose.y - pos.y) < EPS),
      );
      expect(robot).toBeDefined();
      const exported = new Set(
        lines
          .filter((l) => l.topic.split('/')[3] === serial && 'agvPosition' in l.payload)
          .map((l) => {
            const p = l.payload.agvPosition as { x: number; y: number };
            return `${p.x},${p.y}`;
          }),
      );
      // A robot that moved in the recording moves in the replay (seen at several poses while it played).
      if (exported.size > 1) {
        moved.push(serial);
        expect(seen.get(serial)!.size, `${serial} moved`).toBeGreaterThan(1);
      }
    }
    expect(moved.length, 'robots that moved in the recording').toBeGreaterThan(0);
  }, 60_000);
});

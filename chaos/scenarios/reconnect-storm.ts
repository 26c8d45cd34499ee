// reconnect-storm: N signed-in Socket.IO clients (websocket, the browser's reconnection settings) connect and get
// their snapshot; then every transport is dropped at once and all reconnect together. Measured: the time until every
// client has a snapshot again, the app's RSS and event-loop delay, and whether a separate viewer kept its frames.
import type { Socket } from 'socket.io-client';
import { signIn, trpcMutation } from '../../bench/lib/trpc-http';
import { appChecks, watchHealth } from '../lib/app-checks';
import { connectSocket, startLiveLoad } from '../lib/live-load';
import { startProbedApp } from '../lib/probed-app';
import type { Scenario } from '../lib/result';
import { runScenario, sleep } from '../lib/scenario-kit';

/** As components/realtime/fleet-socket.ts: Socket.IO's default first delay (1 s ± 50%), at most 3 s. */
const BROWSER = { reconnectionDelay: 1000, reconnectionDelayMax: 3000 };
/** Clients per session (one signed-in user, many tabs). */
const PER_SESSION = 20;
const MAX_GAP_MS = 2000;

/** Resolves with ms until each socket got its next snapshot (null: none within the timeout). */
function nextSnapshots(sockets: Socket[], timeoutMs: number): Promise<(number | null)[]> {
  const t0 = performance.now();
  return Promise.all(
    sockets.map(
      (s) =>
        new Promise<number | null>((resolve) => {
          const t = setTimeout(() => resolve(null), timeoutMs);
          s.once('fleet:snapshot', () => (clearTimeout(t), resolve(performance.now() - t0)));
        }),
    ),
  );
}

const pct = (xs: number[], p: number) =>
  Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0);

export const reconnectStorm: Scenario = (opts) => {
  const clients = opts.quick ? 200 : 1000;
  const timeoutMs = opts.quick ? 30_000 : 60_000;
  const tried = `${clients} signed-in Socket.IO clients (${PER_SESSION} per session) dropped at once and reconnecting with the browser's settings; all must have a snapshot again within ${timeoutMs / 1000} s, a separate viewer's frame gap ≤ ${MAX_GAP_MS} ms`;
  return runScenario('reconnect-storm', tried, opts.quick ? 240_000 : 900_000, opts, async (k) => {
    const app = await startProbedApp(k.dir);
    k.defer(() => app.cleanup());
    const login = { email: 'storm@chaos.local', password: 'a storm password for the chaos suite' };
    await trpcMutation(app.admin, 'users.create', { ...login, role: 'viewer' });
    const live = await startLiveLoad(app);
    k.defer(() => live.stop());
    const rssStart = await app.markStart();
    const sockets: Socket[] = [];
    k.defer(async () => sockets.forEach((s) => s.close()));
    const c0 = performance.now();
    for (let i = 0; i < clients; i += PER_SESSION) {
      const { cookie } = await signIn(app.url, login.email, login.password);
      const batch = Array.from({ length: Math.min(PER_SESSION, clients - i) }, () => connectSocket(app.url, cookie, BROWSER));
      const first = nextSnapshots(batch, timeoutMs);
      sockets.push(...batch);
      const got = await first;
      k.check(
        got.every((g) => g !== null),
        `${got.filter((g) => g === null).length} clients of a batch got no first snapshot`,
      );
    }
    const connectAllMs = Math.round(performance.now() - c0);
    await sleep(2000);
    const eldConnecting = app.probe().eldP99MaxMs;
    const rssConnected = await app.markStart(); // the figures from here on are the storm's
    const health = watchHealth(app.url, 500);
    // Every transport closes at once, as in a network blip: each client reconnects on its own backoff.
    const again = nextSnapshots(sockets, timeoutMs);
    for (const s of sockets) s.io.engine.close();
    const times = await again;
    const back = times.filter((t): t is number => t !== null);
    await sleep(2000);
    const h = await health.stop();
    health.report(k);
    const f = live.figures();
    Object.assign(k.figures, {
      clients,
      connectAllMs,
      rssConnectedMb: rssConnected,
      resnapshotted: back.length,
      allBackMs: back.length === clients ? pct(back, 100) : 'never',
      backP50Ms: pct(back, 50),
      backP99Ms: pct(back, 99),
      eldP99ConnectingMs: eldConnecting,
      ...f,
      healthStatus: h.lastStatus,
    });
    k.check(back.length === clients, `${clients - back.length} of ${clients} clients had no snapshot ${timeoutMs / 1000} s after the drop`);
    k.check(
      f.viewerMaxFrameGapMs <= MAX_GAP_MS,
      `the separate viewer waited ${f.viewerMaxFrameGapMs} ms between frames (bound ${MAX_GAP_MS} ms)`,
    );
    k.check(live.viewer.connected, 'the separate viewer was disconnected');
    appChecks(k, app, rssStart);
  });
};

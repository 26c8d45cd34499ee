// socket-fuzz: signed-in Socket.IO clients (admins and a viewer) send generated events as raw Socket.IO packets
// (known and unknown names, reserved ones, hostile payloads, malformed packets) while robots publish and a clean viewer
// watches. The app must not crash or leak a rejection, keep memory and /api/health bounded, and the clean viewer's
// frames and auth.me over HTTP must not stall.
import fc from 'fast-check';
import { signIn, trpcMutation } from '../../bench/lib/trpc-http';
import { appChecks, watchHealth } from '../lib/app-checks';
import { hostileString, hostileValue, toJson } from '../lib/hostile';
import { connectSocket, startLiveLoad } from '../lib/live-load';
import { startProbedApp } from '../lib/probed-app';
import type { Scenario } from '../lib/result';
import { runScenario, sleep } from '../lib/scenario-kit';

const KNOWN = ['fleet:resync', 'flow:hops', 'flow:subscribe', 'flow:unsubscribe'];
const RESERVED = [
  'connect',
  'disconnect',
  'disconnecting',
  'error',
  'newListener',
  'removeListener',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
];
/** The clean viewer's longest gap between frames (10 per second when nothing is wrong), and auth.me's slowest answer. */
const MAX_GAP_MS = 2000;
const MAX_AUTH_MS = 2000;

/** One Engine.IO message: a Socket.IO EVENT packet (`42[name, ...args]`, some with an ack id) or malformed text. */
const packet: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 38,
    arbitrary: fc
      .tuple(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...KNOWN) },
          { weight: 1, arbitrary: fc.constantFrom(...RESERVED) },
          { weight: 1, arbitrary: hostileString },
        ),
        fc.array(hostileValue, { maxLength: 3 }),
        fc.option(fc.nat({ max: 1e6 })),
      )
      .map(([name, args, ack]) => `42${ack ?? ''}${toJson([name, ...args])}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('4', '42', '43', '45', '40', '41', '2', '6'), fc.string({ unit: 'binary', maxLength: 200 }))
      .map(([p, s]) => p + s),
  },
  { weight: 1, arbitrary: fc.integer({ min: 16_000, max: 64_000 }).map((n) => `42["flow:hops","${'x'.repeat(n)}"]`) },
);

export const socketFuzz: Scenario = (opts) => {
  const { quick, seed } = opts;
  const total = quick ? 3000 : 30_000;
  const tried = `${total.toLocaleString('en')} generated Socket.IO packets (seed ${seed}) from 8 signed-in sockets (6 admin, 2 viewer): known, reserved and random event names, hostile payloads, malformed and oversized packets; a clean viewer's frame gap ≤ ${MAX_GAP_MS} ms, auth.me ≤ ${MAX_AUTH_MS} ms`;
  return runScenario('socket-fuzz', tried, quick ? 240_000 : 900_000, opts, async (k) => {
    const app = await startProbedApp(k.dir);
    k.defer(() => app.cleanup());
    const viewerLogin = { email: 'fuzz-viewer@chaos.local', password: 'a viewer password for the chaos suite' };
    await trpcMutation(app.admin, 'users.create', { ...viewerLogin, role: 'viewer' });
    const viewerCookie = (await signIn(app.url, viewerLogin.email, viewerLogin.password)).cookie;
    const live = await startLiveLoad(app);
    k.defer(() => live.stop());
    const cookies = [...Array(6).fill(app.admin.cookie), viewerCookie, viewerCookie] as string[];
    const sockets = cookies.map((c) => connectSocket(app.url, c, { reconnectionDelay: 200, reconnectionDelayMax: 1000 }));
    k.defer(async () => sockets.forEach((s) => s.close()));
    const disconnects = { count: 0, reasons: new Map<string, number>() };
    for (const s of sockets)
      s.on('disconnect', (reason) => (disconnects.count++, disconnects.reasons.set(reason, (disconnects.reasons.get(reason) ?? 0) + 1)));
    await sleep(1000);
    const rssStart = await app.markStart();
    const health = watchHealth(app.url);
    const packets = fc.sample(packet, { seed, numRuns: total });
    let sent = 0;
    let unsent = 0;
    for (let i = 0; i < packets.length && !app.child.exited(); i++) {
      // A malformed or oversized packet ends its connection (the server refuses it): the next connected socket sends,
      // and only when none is connected does the fuzz wait for one to reconnect.
      let s = sockets.find((x, j) => x.connected && j >= i % sockets.length) ?? sockets.find((x) => x.connected);
      if (!s) {
        await new Promise<void>((r) => (sockets.forEach((x) => x.once('connect', () => r())), setTimeout(r, 5000)));
        s = sockets.find((x) => x.connected) ?? sockets[0]!;
      }
      // Raw packets: socket.io-client refuses reserved names and cannot carry 1e999 or deep nesting as text.
      if (s.connected) (s.io.engine as unknown as { write(m: string): void }).write(packets[i]!), sent++;
      else unsent++;
      if (i % 50 === 49) await sleep(20);
    }
    await sleep(2000); // what the app still had queued
    const h = await health.stop();
    health.report(k);
    const f = live.figures();
    const reconnected = sockets.filter((s) => s.connected).length;
    Object.assign(k.figures, {
      packets: sent,
      unsentNotReconnected: unsent,
      socketDisconnects: disconnects.count,
      disconnectReasons: [...disconnects.reasons].map(([r, n]) => `${r}:${n}`).join(' '),
      socketsConnectedAtEnd: reconnected,
      ...f,
      healthStatus: h.lastStatus,
    });
    k.check(
      f.viewerMaxFrameGapMs <= MAX_GAP_MS,
      `the clean viewer waited ${f.viewerMaxFrameGapMs} ms between frames (bound ${MAX_GAP_MS} ms)`,
    );
    k.check(
      f.authMeMaxMs <= MAX_AUTH_MS && f.authMeFailed === 0,
      `auth.me took up to ${f.authMeMaxMs} ms, ${f.authMeFailed} failed (bound ${MAX_AUTH_MS} ms)`,
    );
    k.check(live.viewer.connected, 'the clean viewer was disconnected');
    appChecks(k, app, rssStart);
  });
};

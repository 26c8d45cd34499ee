// What the Socket.IO scenarios run beside their attack: a few robots publishing visualization at 5 Hz so the app
// sends frames, a clean viewer whose longest gap between frames is measured, and auth.me timed over HTTP: one client's
// attack must not slow the others.
import { io, type Socket } from 'socket.io-client';
import { call } from './trpc';
import { connectPublisher } from './mqtt-publisher';
import type { ProbedApp } from './probed-app';
import { validMessage } from './vda-payloads';

const MANUFACTURER = 'ChaosLive';

/** A socket signed in with `cookie`, sending this app's Origin as a browser does. */
export function connectSocket(url: string, cookie: string, opts: Parameters<typeof io>[1] = {}): Socket {
  return io(url, { transports: ['websocket'], extraHeaders: { cookie, origin: url }, ...opts });
}

export async function startLiveLoad(app: ProbedApp, robots = 5) {
  const pub = await connectPublisher(app.brokerUrl, await app.robotLogin(MANUFACTURER), `chaos-live-${Date.now().toString(36)}`);
  const topic = (i: number, sub: string) => `${app.iface}/v2/${MANUFACTURER}/LIVE-${i}/${sub}`;
  let headerId = 0;
  const msg = (i: number, sub: 'connection' | 'state' | 'visualization') => ({
    topic: topic(i, sub),
    payload: Buffer.from(JSON.stringify(validMessage(sub, MANUFACTURER, `LIVE-${i}`, ++headerId))),
  });
  await pub.publishAll(Array.from({ length: robots }, (_, i) => [msg(i, 'connection'), msg(i, 'state')]).flat());
  const telemetry = setInterval(() => void pub.publishAll(Array.from({ length: robots }, (_, i) => msg(i, 'visualization'))), 200);

  const viewer = connectSocket(app.url, app.admin.cookie);
  const frames = { count: 0, last: 0, maxGapMs: 0, measuring: false };
  viewer.on('fleet:frame', () => {
    const now = performance.now();
    if (frames.measuring && frames.last > 0) frames.maxGapMs = Math.max(frames.maxGapMs, now - frames.last);
    frames.last = now;
    frames.count++;
  });
  const me = { calls: 0, failed: 0, maxMs: 0 };
  const authTimer = setInterval(async () => {
    const r = await call(app.admin, 'query', 'auth.me', undefined, 10_000);
    me.calls++;
    if (!r.ok) me.failed++;
    me.maxMs = Math.max(me.maxMs, r.ms);
  }, 500);
  // Measure from the first frame on: connecting and the snapshot are not gaps.
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 10_000);
    viewer.once('fleet:frame', () => (clearTimeout(t), resolve()));
  });
  frames.measuring = true;
  return {
    viewer,
    figures() {
      return {
        viewerFrames: frames.count,
        viewerMaxFrameGapMs: Math.round(frames.maxGapMs),
        authMeCalls: me.calls,
        authMeFailed: me.failed,
        authMeMaxMs: me.maxMs,
      };
    },
    async stop() {
      clearInterval(telemetry);
      clearInterval(authTimer);
      viewer.close();
      await pub.end();
    },
  };
}

// Scene scenario: Chromium opens the 3D view with R live robots and records, for every animation frame, the
// JavaScript time the scene spends on robot updates (window.__fleetDebug.robotUpdateMs), frames per second and
// draw calls (renderer.info.render.calls).
import { chromium } from '@playwright/test';
import { freshDatabase } from '../lib/database';
import { clearRetained } from '../lib/retained';
import { sleep, type Child } from '../lib/proc';
import { signInAs, startApp, startSims } from '../lib/stack';
import { pct, round } from '../lib/stats';

export interface SceneResult {
  robots: number;
  /** Messages per second per robot during the run. */
  hz: number;
  robotsInScene: number;
  framesMeasured: number;
  fps: number;
  updateMsP50: number;
  updateMsP99: number;
  drawCalls: number;
}

interface PageSample {
  updates: number[];
  frames: number;
  seconds: number;
  drawCalls: number;
  robotsInScene: number;
}

/**
 * Measures for `seconds` and at least `minFrames` frames (at most `maxSeconds`): at 2–3 frames per second with
 * 2,000 robots on a loaded machine, 8 s gave 20 frames, whose "p99" was simply the slowest one.
 */
export async function runScene(o: {
  robots: number;
  hz: number;
  seconds: number;
  minFrames?: number;
  maxSeconds?: number;
  databaseUrl?: string;
  mqttUrl?: string;
}): Promise<SceneResult> {
  const minFrames = o.minFrames ?? 0;
  const maxSeconds = Math.max(o.seconds, o.maxSeconds ?? 60);
  const db = await freshDatabase(o.databaseUrl, 'scene');
  const children: Child[] = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  let iface: string | undefined;
  try {
    const stack = await startApp({ dataDir: db.dataDir, databaseUrl: db.url, mqttUrl: o.mqttUrl });
    iface = stack.iface;
    children.push(stack.app);
    children.push(...startSims({ robots: o.robots, hz: o.hz, brokerUrl: stack.robotBrokerUrl, iface: stack.iface, name: 'scene' }));
    // Signed in as a viewer: the session cookie goes into the browser as the login page would have set it.
    const viewer = await signInAs(stack, 'viewer');
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const eq = viewer.cookie.indexOf('=');
    await context.addCookies([
      { name: viewer.cookie.slice(0, eq), value: viewer.cookie.slice(eq + 1), url: stack.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    const page = await context.newPage();
    await page.goto(stack.url);
    if (new URL(page.url()).pathname === '/login') throw new Error('the scene page sent the signed-in viewer to /login');
    // On a loaded 2-core machine a large fleet can take long to connect: measure what is in the scene by then
    // (robotsInScene is reported beside the requested count).
    await page.waitForFunction((n) => (window.__fleetDebug?.robotsInScene ?? 0) >= n, o.robots, { timeout: 90_000 }).catch(() => {});
    await sleep(1000);
    // A string, not a function: tsx compiles functions with helpers (__name) that do not exist in the page.
    const s = (await page.evaluate(`new Promise((resolve) => {
      const d = window.__fleetDebug;
      const updates = [];
      let frames = 0;
      const t0 = performance.now();
      const loop = () => {
        frames++;
        updates.push(d.robotUpdateMs);
        const ms = performance.now() - t0;
        if ((ms < ${o.seconds * 1000} || frames < ${minFrames}) && ms < ${maxSeconds * 1000}) requestAnimationFrame(loop);
        else resolve({ updates, frames, seconds: (performance.now() - t0) / 1000, drawCalls: d.drawCalls, robotsInScene: d.robotsInScene });
      };
      requestAnimationFrame(loop);
    })`)) as PageSample;
    return {
      robots: o.robots,
      hz: o.hz,
      robotsInScene: s.robotsInScene,
      framesMeasured: s.frames,
      fps: round(s.frames / s.seconds, 1),
      updateMsP50: round(pct(s.updates, 50), 3),
      updateMsP99: round(pct(s.updates, 99), 3),
      drawCalls: s.drawCalls,
    };
  } finally {
    await browser.close();
    for (const c of children) await c.stop('SIGTERM').catch(() => {});
    await db.drop().catch(() => {});
    if (o.mqttUrl && iface) await clearRetained(o.mqttUrl, iface).catch(() => {});
  }
}

// Screenshots for the README and docs/: `npm run screenshots`.
// Starts the built app as e2e does (e2e/start-app.ts: embedded database and broker, simulated fleet; build first
// with `npm run build`, NEXT_DIST_DIR as for the build), stages a little activity (commands, faults) so that the
// ledger, inspector and alerts have something to show, signs in as the administrator and writes the pages at
// 1280×720 into docs/. Against an app that is already running: SCREENSHOT_URL=http://host:port with
// SCREENSHOT_EMAIL / SCREENSHOT_PASSWORD of an admin (nothing is staged there unless SCREENSHOT_STAGE=1).
// Env: PORT (default 3190) and MQTT_PORT for the started app, CHROMIUM_PATH (default /usr/bin/chromium).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { type APIRequestContext, type Browser, chromium, type Page } from '@playwright/test';

const OUT = 'docs';
const VIEWPORT = { width: 1280, height: 720 };
const WAIT_MS = 60_000;
const started = !process.env.SCREENSHOT_URL;
const base = process.env.SCREENSHOT_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3190}`;
const email = process.env.SCREENSHOT_EMAIL ?? 'admin@screenshots.local';
const password = process.env.SCREENSHOT_PASSWORD ?? 'screenshots-admin-password';
const stage = started || process.env.SCREENSHOT_STAGE === '1';
const origin = { Origin: base };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

function startApp(): ChildProcess {
  const app = spawn('node_modules/.bin/tsx', ['--max-semi-space-size=64', 'e2e/start-app.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: new URL(base).port,
      DATA_DIR: `.tmp/screenshots-data-${Date.now()}`,
      SIM_ROBOTS: process.env.SIM_ROBOTS ?? '40',
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  app.on('exit', (code) => {
    if (code) console.error(`the app exited with ${code}`);
  });
  return app;
}

async function trpc<T>(request: APIRequestContext, path: string, input?: unknown, mutation = true): Promise<T> {
  const res = mutation
    ? await request.post(`${base}/api/trpc/${path}`, { data: { json: input ?? null }, headers: origin })
    : await request.get(`${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input ?? null }))}`);
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${body.error?.json?.message ?? ''}`);
  return body.result?.data?.json as T;
}

/** Some history to show: a few commands in the ledger, a stopped, a disconnected and a chattering robot. */
async function stageActivity(request: APIRequestContext): Promise<void> {
  const robots = await until('the simulated fleet', async () => {
    const list = await trpc<{ id: number }[]>(request, 'fleet.list', undefined, false);
    return list.length >= 8 && list;
  });
  const id = (i: number) => (robots[i] as { id: number }).id;
  for (const i of [0, 1, 2, 3]) await trpc(request, 'commands.issue', { robotId: id(i), type: 'stateRequest' });
  await trpc(request, 'commands.issue', { robotId: id(4), type: 'pause' });
  await trpc(request, 'sim.injectFault', { robotId: id(0), fault: { kind: 'malformed', share: 0.2 } });
  await trpc(request, 'sim.injectFault', { robotId: id(5), fault: { kind: 'emergencyStop' } });
  await trpc(request, 'sim.injectFault', { robotId: id(6), fault: { kind: 'batteryFault' } });
  await trpc(request, 'sim.injectFault', { robotId: id(7), fault: { kind: 'disconnect' } });
  await trpc(request, 'commands.issue', { robotId: id(4), type: 'resume' });
}

/** Moves the mouse away, lets the page settle (animations, live updates) and writes the file. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await sleep(1500);
  await page.screenshot({ path: `${OUT}/${name}` });
  console.log(`wrote ${OUT}/${name}`);
}

async function visible(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: WAIT_MS });
}

async function shootAll(browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark', deviceScaleFactor: 1 });
  const login = await context.request.post(`${base}/api/auth/login`, { data: { email, password }, headers: origin });
  if (!login.ok()) throw new Error(`sign-in as ${email}: ${login.status()} ${await login.text()}`);
  if (stage) await stageActivity(context.request);
  const page = await context.newPage();

  // The fleet once the scene draws the robots, in both themes.
  await page.goto(`${base}/`);
  await visible(page, '[data-testid="robot-row"]');
  await until('robots in the scene', () =>
    page.evaluate(() => (window as { __fleetDebug?: { robotsInScene: number } }).__fleetDebug?.robotsInScene ?? 0),
  );
  await shoot(page, 'screenshot-fleet.png');
  await page.getByTestId('theme-light').click();
  await shoot(page, 'screenshot-fleet-light.png');
  await page.getByTestId('theme-dark').click();

  await page.goto(`${base}/flow`);
  await visible(page, '[data-testid="flow-node"]');
  await visible(page, '[data-testid="edge-row"]');
  await shoot(page, 'screenshot-flow.png');

  await page.goto(`${base}/commands`);
  await visible(page, '[data-testid="command-ledger"] tbody tr');
  await shoot(page, 'screenshot-ledger.png');

  // The inspector of the robot with malformed messages, one invalid message open.
  const robots = await trpc<{ id: number }[]>(context.request, 'fleet.list', undefined, false);
  await page.goto(`${base}/robots/${robots[0]?.id ?? 1}`);
  await page.getByTestId('inspector-tab').click();
  await visible(page, '[data-testid="inspector-row"]');
  const invalid = page.locator('[data-testid="inspector-row"][data-valid="false"]').first();
  await ((await invalid.count()) ? invalid : page.getByTestId('inspector-row').first()).click();
  await shoot(page, 'screenshot-inspector.png');

  await page.goto(`${base}/alerts`);
  await visible(page, '[data-testid="alerts-table"]');
  await until('an alert', () => page.locator('[data-testid="alerts-table"] tbody tr').count(), WAIT_MS).catch(() =>
    console.warn('no alert raised yet: the alerts screenshot shows an empty list'),
  );
  await shoot(page, 'screenshot-alerts.png');
  await context.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const app = started ? startApp() : null;
  try {
    await until(`${base}/api/health`, async () => (await fetch(`${base}/api/health`)).ok, 180_000);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--no-first-run'],
    });
    try {
      await shootAll(browser);
    } finally {
      await browser.close();
    }
  } finally {
    if (app) {
      app.kill('SIGTERM');
      await new Promise((r) => app.once('exit', r));
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

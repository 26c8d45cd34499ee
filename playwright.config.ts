// Playwright runs Chromium against the real app (custom server, embedded broker, simulated fleet).
// The browser is Debian's Chromium by default (no test tool can download one here); WebGL works
// headless through SwiftShader, so never pass --disable-gpu / --disable-software-rasterizer.
import { defineConfig } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, E2E_PORT } from './e2e/auth';

const PORT = E2E_PORT;
const dataDir = `.tmp/e2e-data-${Date.now()}`;

const passThrough: Record<string, string> = {};
for (const k of ['DATABASE_URL', 'MQTT_URL', 'MQTT_PORT', 'BUS_URL', 'LOG_LEVEL'] as const) {
  const v = process.env[k];
  if (v) passThrough[k] = v;
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  // Signs in the first admin, creates a user per role and saves their sessions (e2e/auth.ts names them).
  globalSetup: './e2e/global-setup.ts',
  // Fails the run when the app left a promise rejection unhandled (counted in /api/health).
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // A database and topic prefix of its own when pointed at shared Postgres / Mosquitto (see e2e/start-app.ts).
    // The same V8 flag as `npm start` (package.json), so e2e runs the app as production does.
    command: 'node_modules/.bin/tsx --max-semi-space-size=64 e2e/start-app.ts',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ...passThrough,
      PORT: String(PORT),
      DATA_DIR: dataDir,
      SIM_ROBOTS: '24',
      // The site comes from the shipped LIF file (the generated warehouse, written by npm run layout:export), so
      // every go-to in the suite drives a graph imported from LIF.
      SITE_LAYOUT: 'db/seed/warehouse.lif.json',
      // 1% (the default is 0.1%): the flow test waits for a sampled pose this browser rendered, and 24 robots at
      // 10 Hz make 2.4 such traces a second at 1%, one every 4 s at 0.1%.
      TRACE_SAMPLE_RATE: '0.01',
      // The first administrator, created on the empty database; global setup signs in as it.
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});

// The data-flow page against the real app: the live graph, rates that follow the simulator, a message's
// waterfall down to this browser's own receive/render hops, and an edge that turns unhealthy under a delay
// fault. Uses robots SIM-0001..0013 and clears their faults afterwards. Traces and sampled messages need the
// architect role, which may also inject faults.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { asRole, originHeaders } from './auth';

test.use(asRole('architect'));

const VIS_EDGE = 'robots:SimRobotics->topic:visualization';

async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await request.get(`/api/trpc/${path}${q}`);
  expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcMutation(request: APIRequestContext, path: string, input: unknown): Promise<void> {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: originHeaders });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
}

async function robotIds(request: APIRequestContext): Promise<Map<string, number>> {
  let robots: { id: number; serialNumber: string }[] = [];
  await expect.poll(async () => (robots = await trpcQuery(request, 'fleet.list')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(13);
  return new Map(robots.map((r) => [r.serialNumber, r.id]));
}

const serial = (i: number) => `SIM-${String(i).padStart(4, '0')}`;

async function edgeRate(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`[data-testid="edge-row"][data-edge-id="${id}"]`).getAttribute('data-rate'));
}

/** The on-screen size (px) of every node label: its font size times the graph's zoom. */
async function labelScreenPx(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 0;
    return [...document.querySelectorAll('.flow-node-label')].map((el) => Number.parseFloat(getComputedStyle(el).fontSize) * zoom);
  });
}

async function openFlow(page: Page): Promise<void> {
  await page.goto('/flow');
  await expect(page.getByTestId('flow-graph')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator(`[data-testid="edge-row"][data-edge-id="${VIS_EDGE}"]`)).toBeVisible({ timeout: 30_000 });
}

test.describe('data flow', () => {
  // Each test loads the live graph and waits for windows of live figures or for sampled traces: on a loaded
  // 2-core machine that alone can take most of the default 60 s.
  test.describe.configure({ timeout: 120_000 });
  test.afterEach(async ({ request }) => {
    const ids = await robotIds(request);
    for (let i = 1; i <= 13; i++) await trpcMutation(request, 'sim.clearFault', { robotId: ids.get(serial(i)) });
  });

  test('shows the graph of the data path with live rates', async ({ page }) => {
    await openFlow(page);
    for (const id of [
      'robots:SimRobotics',
      'topic:visualization',
      'gateway:vda5050-mqtt',
      'worker:ingest',
      'table:telemetry_slices',
      'fanout:socketio',
      'viewers:browsers',
    ]) {
      await expect(page.locator(`[data-testid="flow-node"][data-node-id="${id}"]`)).toBeVisible();
    }
    await expect.poll(() => edgeRate(page, VIS_EDGE), { timeout: 20_000 }).toBeGreaterThan(100);
    // A node's details: the telemetry slices table with its row count, in words and units, no raw key or epoch.
    // The graph opens at a readable zoom, so this node may be off to the side: focusing it pans the view to it,
    // and Enter selects it as a click would (the keyboard path).
    const tableNode = page.locator('.react-flow__node', { has: page.locator('[data-node-id="table:telemetry_slices"]') });
    await tableNode.focus();
    await tableNode.press('Enter');
    const details = page.getByTestId('node-details');
    await expect(details).toContainText('rows');
    await expect(details.locator('[data-testid="node-fact"][data-key="sizeBytes"] dt')).toHaveText('size on disk');
    await expect(details.locator('[data-testid="node-fact"][data-key="statsAt"] dd')).not.toHaveText(/\d{10}/);
    await expect(details).not.toContainText('sizeBytes');
    // In-process edges carry objects, not bytes: they say so instead of "0 B".
    const inProcess = page.locator('[data-testid="edge-row"][data-edge-id^="gateway:vda5050-mqtt->subject:"]').first();
    await expect(inProcess.locator('td').nth(2)).toHaveText('in-process');
  });

  for (const size of [
    { width: 1280, height: 720 },
    { width: 1024, height: 768 },
  ]) {
    test(`at ${size.width}×${size.height} the node labels are readable and the edge table fits`, async ({ page }) => {
      await page.setViewportSize(size);
      await openFlow(page);
      await expect(page.locator('[data-testid="flow-node"]').first()).toBeVisible();
      // At the view the page opens with, every label is at least 10 px on screen (it was ~5 px at fit-view).
      await expect.poll(async () => Math.min(...(await labelScreenPx(page))), { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
      // The table's last column is on screen; only the table's own container may scroll, never the flow page.
      const last = page.locator('.edge-table th').last();
      await expect(last).toBeInViewport();
      const box = (await last.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      const overflow = await page.locator('.flow-layout').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test('rates follow the simulator: dropping half the fleet poses halves the edge rate', async ({ page, request }) => {
    const ids = await robotIds(request);
    await openFlow(page);
    await expect.poll(() => edgeRate(page, VIS_EDGE), { timeout: 20_000 }).toBeGreaterThan(150);
    const before = await edgeRate(page, VIS_EDGE);
    for (let i = 1; i <= 12; i++)
      await trpcMutation(request, 'sim.injectFault', {
        robotId: ids.get(serial(i)),
        fault: { kind: 'drop', share: 1, topics: ['visualization'] },
      });
    // The window is 10 s: within it the rate falls towards half.
    await expect.poll(() => edgeRate(page, VIS_EDGE), { timeout: 30_000, intervals: [1000] }).toBeLessThan(before * 0.7);
    for (let i = 1; i <= 12; i++) await trpcMutation(request, 'sim.clearFault', { robotId: ids.get(serial(i)) });
    await expect.poll(() => edgeRate(page, VIS_EDGE), { timeout: 30_000, intervals: [1000] }).toBeGreaterThan(before * 0.85);
  });

  test('clicking a sampled message opens its waterfall, down to this browser receive and render', async ({ page, request }) => {
    await openFlow(page);
    // This page is a viewer: it reports the hops of sampled poses it receives. Find one such trace.
    let found: { traceId: string; robotId: number } | null = null;
    await expect
      .poll(
        async () => {
          const traces = await trpcQuery<{ traceId: string; robotId: number | null; subject: string }[]>(request, 'traces.search', {
            limit: 60,
          });
          for (const t of traces) {
            if (t.subject !== 'robot.visualization' || t.robotId === null) continue;
            const { hops } = await trpcQuery<{ hops: { operation: string }[] }>(request, 'traces.byId', { traceId: t.traceId });
            if (hops.some((h) => h.operation === 'browser.render')) return (found = { traceId: t.traceId, robotId: t.robotId });
          }
          return null;
        },
        { timeout: 45_000, intervals: [2000] },
      )
      .not.toBeNull();
    const { traceId, robotId } = found!;
    const serialOf = [...(await robotIds(request)).entries()].find(([, id]) => id === robotId)![0];
    await page.getByTestId('trace-search-robot').selectOption(String(robotId));
    const row = page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`);
    // The row names the robot by its serial number, not "robot <id>", and a legend says what its colours mean.
    await expect(row.getByTestId('trace-robot')).toHaveText(serialOf);
    await expect(page.getByTestId('trace-search').getByTestId('trace-legend')).toContainText('red');
    await row.click();
    const waterfall = page.getByTestId('trace-waterfall');
    await expect(waterfall).toHaveAttribute('data-trace-id', traceId);
    await expect(waterfall.getByTestId('trace-robot')).toHaveText(serialOf);
    for (const op of [
      'robot.publish',
      'mqtt.deliver',
      'gateway.validate',
      'fleet-state.handle',
      'fanout.frame',
      'socketio.send',
      'browser.receive',
      'browser.render',
    ]) {
      await expect(waterfall.locator(`[data-testid="waterfall-hop"][data-operation="${op}"]`)).toBeVisible();
    }
  });

  test('a delay fault turns the robots → broker edge unhealthy', async ({ page, request }) => {
    const ids = await robotIds(request);
    await openFlow(page);
    const row = page.locator(`[data-testid="edge-row"][data-edge-id="${VIS_EDGE}"]`);
    await expect(row).not.toHaveAttribute('data-health', 'unhealthy', { timeout: 20_000 });
    await trpcMutation(request, 'sim.injectFault', { robotId: ids.get(serial(13)), fault: { kind: 'delay', ms: 1500 } });
    await expect(row).toHaveAttribute('data-health', 'unhealthy', { timeout: 30_000 });
    // Nodes carry their size and handles, so the drawn edge never waits for a DOM measurement (a measurement lost
    // between two pushes of the graph once hid this edge for good: "element(s) not found" for 30 s in CI).
    await expect(page.getByTestId(`rf__edge-${VIS_EDGE}`)).toHaveClass(/health-unhealthy/, { timeout: 15_000 });
    await row.click();
    await expect(page.getByTestId('edge-details')).toHaveAttribute('data-health', 'unhealthy');
    await expect(page.getByTestId('latency-histogram')).toBeVisible();
  });
});

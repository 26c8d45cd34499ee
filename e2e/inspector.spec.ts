// Protocol inspector and fault injection on simulated robots. Each test uses a robot of its own (SIM-0020..22)
// and clears its faults afterwards over tRPC, so the other specs always see a healthy fleet of 24. Message
// payloads need the architect role, which may also inject faults.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright Locator.innerText() calls (rendered, visible text), not DOM nodes; textContent would also read hidden text
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { asRole, originHeaders } from './auth';
import { openFleet } from './fixtures';

test.use(asRole('architect'));

interface RobotSummary {
  id: number;
  serialNumber: string;
}

async function robotIdOf(request: APIRequestContext, serial: string): Promise<number> {
  let id: number | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/trpc/fleet.list');
        if (!res.ok()) return undefined;
        const body = (await res.json()) as { result: { data: { json: RobotSummary[] } } };
        id = body.result.data.json.find((r) => r.serialNumber === serial)?.id;
        return id;
      },
      { timeout: 60_000 },
    )
    .toBeDefined();
  return id!;
}

async function clearFaults(request: APIRequestContext, robotId: number): Promise<void> {
  const res = await request.post('/api/trpc/sim.clearFault', { data: { json: { robotId } }, headers: originHeaders });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Picks a fault in a fault-injection section and injects it, confirming when the UI asks. */
async function injectFromUi(scope: ReturnType<Page['getByTestId']>, kind: string, share?: number): Promise<void> {
  const section = scope.getByTestId('fault-injection');
  await expect(section).toBeVisible({ timeout: 30_000 });
  await section.getByTestId('fault-kind').selectOption(kind);
  if (share !== undefined) await section.getByTestId('fault-share').fill(String(share));
  await section.getByTestId('fault-inject').click();
  if (['die', 'disconnect', 'emergencyStop'].includes(kind)) await section.getByTestId('fault-confirm').click();
  await expect(section.locator(`[data-testid="fault-active"][data-kind="${kind}"]`)).toBeVisible();
}

const used: number[] = [];
test.afterEach(async ({ request }) => {
  for (const id of used.splice(0)) await clearFaults(request, id);
});

test.describe('protocol inspector and fault injection', () => {
  test.describe.configure({ timeout: 120_000 });

  test('shows the message log, and malformed messages with their violation', async ({ page, request }) => {
    const id = await robotIdOf(request, 'SIM-0020');
    used.push(id);
    await page.goto(`/robots/${id}`);
    await page.getByTestId('inspector-tab').click();
    await expect(page.getByTestId('inspector-tab')).toHaveAttribute('aria-selected', 'true');
    const rows = page.getByTestId('inspector-row');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });

    // Valid messages of several topics, each with a numeric headerId.
    await expect
      .poll(
        async () =>
          new Set(
            await page
              .locator('[data-testid="inspector-row"][data-valid="true"]')
              .evaluateAll((els) => els.map((e) => e.getAttribute('data-topic'))),
          ).size,
      )
      .toBeGreaterThanOrEqual(2);
    await expect(page.locator('[data-testid="inspector-row"][data-topic="state"]').first().getByTestId('inspector-header-id')).toHaveText(
      /^\d+$/,
    );
    await expect(page.getByTestId('factsheet-panel')).toBeVisible();
    await expect(page.getByTestId('order-panel')).toContainText(/Order/);
    await expect(page.getByTestId('action-states')).toBeVisible();

    // Clicking a row shows its JSON with a copy button.
    await rows.first().click();
    await expect(page.getByTestId('inspector-detail')).toContainText('"headerId"');
    await expect(page.getByTestId('inspector-copy')).toBeVisible();

    // Paused, the log stops moving: the newest row stays the same across more than one poll.
    await page.getByTestId('inspector-pause').click();
    await expect(page.getByTestId('inspector-pause')).toHaveAttribute('aria-pressed', 'true');
    const newest = await rows.first().innerText();
    await page.waitForTimeout(2_500); // longer than the 1 s poll: a live log would have moved on
    expect(await rows.first().innerText()).toBe(newest);
    await page.getByTestId('inspector-pause').click();
    await expect.poll(async () => rows.first().innerText()).not.toBe(newest);

    // Malformed messages from the UI: invalid rows with a JSON path and reason.
    await page.getByTestId('live-tab').click();
    await injectFromUi(page.locator('body'), 'malformed', 1);
    await page.getByTestId('inspector-tab').click();
    const invalid = page.locator('[data-testid="inspector-row"][data-valid="false"]');
    await expect(invalid.first()).toBeVisible({ timeout: 30_000 });
    await expect(invalid.first().getByTestId('inspector-violation')).toHaveText(/\S/);
    await expect(page.getByTestId('protocol-invalid')).not.toHaveText('0');
    await page.getByTestId('inspector-validity-filter').selectOption('invalid');
    await expect(page.locator('[data-testid="inspector-row"][data-valid="true"]')).toHaveCount(0);
    await invalid.first().click();
    await expect(page.getByTestId('inspector-detail').locator('.violation')).toContainText('Schema violation');

    // Clear from the UI; the robot is still in the fleet.
    await page.getByTestId('live-tab').click();
    await page.getByTestId('fault-clear-all').click();
    await expect(page.getByTestId('fault-active')).toHaveCount(0);
    const listed = await request.get('/api/trpc/fleet.list');
    expect(((await listed.json()) as { result: { data: { json: RobotSummary[] } } }).result.data.json.some((r) => r.id === id)).toBe(true);
  });

  test('die from the side panel turns the robot offline in the list, panel and 3D view', async ({ page, request }) => {
    const id = await robotIdOf(request, 'SIM-0021');
    used.push(id);
    await openFleet(page);
    const row = page.locator(`[data-testid="robot-row"][data-robot-id="${id}"]`);
    await row.click();
    const panel = page.getByTestId('robot-panel');
    await expect(panel.getByTestId('robot-serial')).toHaveText('SIM-0021');
    await injectFromUi(panel, 'die');

    await expect(row.locator('.badge')).toHaveAttribute('data-status', 'offline', { timeout: 30_000 });
    await expect(panel.getByTestId('robot-connection')).toHaveText('CONNECTIONBROKEN');
    await expect.poll(() => page.evaluate((rid) => window.__fleetDebug?.statusOf(rid) ?? null, id)).toBe('offline');
    await expect(page.getByTestId('robot-count')).toHaveText('24');

    await panel.getByTestId('fault-clear-all').click();
    await expect(panel.getByTestId('fault-active')).toHaveCount(0);
    await expect(row.locator('.badge')).not.toHaveAttribute('data-status', 'offline', { timeout: 30_000 });
  });

  test('an emergency stop shows the robot in error', async ({ page, request }) => {
    const id = await robotIdOf(request, 'SIM-0022');
    used.push(id);
    await page.goto(`/robots/${id}`);
    await injectFromUi(page.locator('body'), 'emergencyStop');
    await expect(page.locator('.facts .badge').first()).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
    await expect(page.locator('.facts .errors')).toContainText('emergencyStop');
    await page.getByTestId('fault-clear-all').click();
    await expect(page.locator('.facts .badge').first()).not.toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  });
});

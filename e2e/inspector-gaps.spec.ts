// The protocol inspector's figures when a robot sends malformed messages: they arrived, so the inspector counts
// them as rejected and its header gaps and lost messages do not rise because of them (a rejected message is not a
// gap). SIM-0023 sends them (a fault injected over tRPC, cleared afterwards); payloads need the architect role.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { robotIdBySerial } from './robot-id';
import { asRole, originHeaders, trpcMutation, trpcQuery } from './auth';

test.use(asRole('architect'));

const SERIAL = 'SIM-0023';
/** Rejected messages to wait for: at 10 Hz with half of them malformed, a few seconds' worth. */
const REJECTED = 30;

interface ProtocolStats {
  invalid: number;
  headerGaps: number;
  lostMessages: number;
  received: Record<string, number>;
}

const received = (s: ProtocolStats) => Object.values(s.received).reduce((a, b) => a + b, 0);

const robotIdOf = (request: APIRequestContext) => robotIdBySerial(request, SERIAL);

const statsOf = (request: APIRequestContext, id: number) => trpcQuery<ProtocolStats>(request, 'fleet.protocol', { id });

let robotId: number | null = null;
test.afterEach(async ({ request }) => {
  if (robotId === null) return;
  const res = await request.post('/api/trpc/sim.clearFault', { data: { json: { robotId } }, headers: originHeaders });
  expect(res.ok(), await res.text()).toBe(true);
  robotId = null;
});

test('malformed messages show as rejected, not as header gaps or lost messages', async ({ page, request }) => {
  test.setTimeout(120_000);
  const id = await robotIdOf(request);
  await page.goto(`/robots/${id}`);
  await page.getByTestId('inspector-tab').click();
  const counters = page.getByTestId('protocol-counters');
  await expect(counters).toBeVisible({ timeout: 30_000 });
  const before = await statsOf(request, id);

  robotId = id;
  await trpcMutation(request, 'sim.injectFault', { robotId: id, fault: { kind: 'malformed', share: 0.5 } });
  await expect
    .poll(async () => (await statsOf(request, id)).invalid - before.invalid, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(REJECTED);
  await trpcMutation(request, 'sim.clearFault', { robotId: id });
  robotId = null;

  // Valid messages after the last rejected one (a rejected message's id is judged when the next one arrives).
  const cleared = await statsOf(request, id);
  await expect.poll(async () => received(await statsOf(request, id)) - received(cleared), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
  const after = await statsOf(request, id);
  expect(after.invalid - before.invalid).toBeGreaterThanOrEqual(REJECTED);
  expect(after.headerGaps).toBe(before.headerGaps);
  expect(after.lostMessages).toBe(before.lostMessages);

  // The page shows the same: rejected messages counted apart, the gap figure where it was.
  await expect
    .poll(async () => Number(await page.getByTestId('protocol-invalid').textContent()), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(after.invalid);
  const gaps = (n: number) => `${n} ${n === 1 ? 'gap' : 'gaps'}`;
  await expect(page.getByTestId('protocol-gap-count')).toHaveText(gaps(before.headerGaps));
  await expect(page.getByTestId('protocol-lost-count')).toHaveText(
    `${before.lostMessages} ${before.lostMessages === 1 ? 'message' : 'messages'}`,
  );
  await expect(page.locator('[data-testid="inspector-row"][data-valid="false"]').first()).toBeVisible();
});

test('an opened message is in view beside the log, with the list still on screen', async ({ page, request }) => {
  const id = await robotIdOf(request);
  await page.goto(`/robots/${id}`);
  await page.getByTestId('inspector-tab').click();
  const rows = page.getByTestId('inspector-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('inspector-pause').click();
  await rows.nth(5).click();
  const detail = page.getByTestId('inspector-detail');
  await expect(detail).toBeInViewport();
  await expect(detail).toContainText('"headerId"');
  await expect(rows.nth(5)).toBeInViewport();
  // Escape closes it.
  await detail.getByRole('region', { name: 'Message JSON' }).focus();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
});

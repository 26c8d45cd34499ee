// Command safety as an operator meets it under stress: the emergency Stop all always covers the whole fleet, Resume
// all and cancelling a command ask first, a command to an offline robot says it will wait and then that it expired
// unsent, and the palette finds a robot by its serial. The offline robot is SIM-0011, killed through the simulator's
// fault API and revived afterwards, so the other specs see a healthy fleet of 24.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright Locator.innerText() calls (rendered, visible text), not DOM nodes; textContent would also read hidden text
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { asRole, originHeaders } from './auth';
import { openFleet, SIM_ROBOTS } from './fixtures';

test.use(asRole('operator'));

const OFFLINE_SERIAL = 'SIM-0011';

/** The id of a robot from its row in the fleet list (the page has the fleet open). */
async function robotIdIn(page: Page, serial: string): Promise<number> {
  const row = page.getByTestId('robot-row').filter({ hasText: serial });
  await expect(row).toHaveCount(1);
  return Number(await row.getAttribute('data-robot-id'));
}

async function simFault(request: APIRequestContext, path: 'injectFault' | 'clearFault', json: object): Promise<void> {
  const res = await request.post(`/api/trpc/sim.${path}`, { data: { json }, headers: originHeaders });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Opens the palette, types, and runs the first option (after checking it is the expected one). */
async function runFromPalette(page: Page, query: string, firstLabel: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await page.keyboard.type(query);
  await expect(palette.getByTestId('palette-option').first()).toContainText(firstLabel);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

async function recentIds(panel: Locator): Promise<string[]> {
  return panel.getByTestId('recent-command').evaluateAll((els) => els.map((e) => e.getAttribute('data-command-id') ?? ''));
}

/** The id of the command that appears in the panel's recent commands after `act`. */
async function newCommandId(panel: Locator, act: () => Promise<void>): Promise<string> {
  await expect(panel.getByTestId('recent-commands')).toHaveAttribute('aria-busy', 'false');
  const before = await recentIds(panel);
  await act();
  let id = '';
  await expect
    .poll(
      async () => {
        id = (await recentIds(panel)).find((x) => !before.includes(x)) ?? '';
        return id;
      },
      { timeout: 60_000, message: 'a new command appears under the panel buttons' },
    )
    .not.toBe('');
  return id;
}

const revived: number[] = [];
test.afterEach(async ({ request }) => {
  for (const robotId of revived.splice(0)) await simFault(request, 'clearFault', { robotId });
});

test.describe('command safety', () => {
  // Stop and resume of the whole fleet, and a command that has to wait out its 30 s TTL, on a shared 2-core machine.
  test.describe.configure({ timeout: 240_000 });

  test('Stop all pauses the whole fleet while one robot is selected; Resume all asks before it sets them moving', async ({ page }) => {
    await openFleet(page);
    await page.getByTestId('robot-row').first().click();
    await expect(page.getByTestId('robot-panel')).toBeVisible();

    const stop = page.getByTestId('stop-all');
    await expect(stop).toHaveText(/Stop all/);
    await expect(stop).toHaveAttribute('data-scope', 'fleet');
    await stop.click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText(`Pause all ${SIM_ROBOTS} robots?`);
    await expect(dialog.getByTestId('stop-all-selection-note')).toHaveText('This stops the whole fleet, not only the 1 robot selected.');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('stop-all-result')).toHaveText(`Pause sent to ${SIM_ROBOTS} robots`, { timeout: 60_000 });
    await expect(page.getByTestId('toast').filter({ hasText: new RegExp(`Stop all · ${SIM_ROBOTS} robots: \\d+ succeeded`) })).toBeVisible({
      timeout: 45_000,
    });
    await expect(page.getByTestId('robot-row').locator('[data-status="driving"]')).toHaveCount(0);

    // Resume all sets every robot moving: it asks first, and declining sends nothing.
    await runFromPalette(page, 'resume all', 'Resume all robots');
    await expect(dialog).toContainText(`Resume all ${SIM_ROBOTS} robots?`);
    await expect(dialog).toContainText('robots start moving again');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast').filter({ hasText: /^Resume/ })).toHaveCount(0);

    await runFromPalette(page, 'resume all', 'Resume all robots');
    await expect(dialog.getByTestId('confirm-button')).toContainText(`Resume all ${SIM_ROBOTS}`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast').filter({ hasText: new RegExp(`Resume · ${SIM_ROBOTS} robots: \\d+ succeeded`) })).toBeVisible({
      timeout: 45_000,
    });
    await expect(page.getByTestId('robot-row').locator('[data-status="driving"]').first()).toBeVisible({ timeout: 60_000 });
  });

  test('the palette finds a robot by its serial: follow it in the 3D view, or open its page', async ({ page }) => {
    await openFleet(page);
    const id = await robotIdIn(page, 'SIM-0009');
    await runFromPalette(page, 'SIM-0009', 'Follow SIM-0009');
    const panel = page.getByTestId('robot-panel');
    await expect(panel.getByTestId('robot-serial')).toHaveText('SIM-0009');
    await expect(panel.getByRole('checkbox', { name: /Follow/ })).toBeChecked();

    await runFromPalette(page, '0009 open', 'Open SIM-0009');
    await expect(page).toHaveURL(new RegExp(`/robots/${id}$`));
  });

  test('a command to an offline robot warns that it will wait, a cancel asks first, and the expiry is toasted', async ({
    page,
    request,
  }) => {
    await openFleet(page);
    const robotId = await robotIdIn(page, OFFLINE_SERIAL);
    revived.push(robotId);
    await simFault(request, 'injectFault', { robotId, fault: { kind: 'die' } });

    await runFromPalette(page, OFFLINE_SERIAL, `Follow ${OFFLINE_SERIAL}`);
    const panel = page.getByTestId('robot-panel');
    await expect(panel.getByTestId('robot-serial')).toHaveText(OFFLINE_SERIAL);
    const warning = `${OFFLINE_SERIAL} is offline: the command waits until it reconnects and expires unsent after 30 s.`;
    await expect(panel.getByTestId('offline-warning')).toContainText(warning, { timeout: 30_000 });
    await expect(panel.getByTestId('command-button-pause')).toHaveAttribute('data-offline', 'true');

    // Even a pause (sent straight away to a robot that hears it) asks first, saying it will wait.
    const dialog = page.getByTestId('confirm-dialog');
    const pauseId = await newCommandId(panel, async () => {
      await panel.getByTestId('command-button-pause').click();
      await expect(dialog.getByTestId('confirm-offline-warning')).toContainText(warning);
      await page.keyboard.press('Enter');
    });
    await expect(panel.locator(`[data-testid="recent-command"][data-command-id="${pauseId}"]`)).toHaveAttribute('data-status', 'queued');

    const stateId = await newCommandId(panel, async () => {
      await panel.getByTestId('command-button-stateRequest').click();
      await expect(dialog).toContainText(`State request · ${OFFLINE_SERIAL}?`);
      await page.keyboard.press('Enter');
    });

    // Cancelling the waiting state request from the ledger asks first; declining keeps it queued.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Commands' }).click();
    const row = page.locator(`[data-testid="command-row"][data-command-id="${stateId}"]`);
    await expect(row).toHaveAttribute('data-status', 'queued');
    await row.getByTestId('command-cancel').click();
    await expect(dialog).toContainText(`Cancel State request · ${OFFLINE_SERIAL}?`);
    await expect(dialog.getByTestId('cancel-effect')).toContainText('It has not been sent to the robot yet: it is dropped from the queue.');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(row).toHaveAttribute('data-status', 'queued');
    await row.getByTestId('command-cancel').click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(row).toHaveAttribute('data-status', 'cancelled');

    // The pause expires unsent once its 30 s TTL is over, and a toast says so with why.
    const expired = page.getByTestId('toast').filter({ hasText: `Pause · ${OFFLINE_SERIAL}: expired unsent` });
    await expect(expired).toBeVisible({ timeout: 60_000 });
    await expect(expired).toContainText('not sent within its TTL of 30.0 s');
    await expect(page.locator(`[data-testid="command-row"][data-command-id="${pauseId}"]`)).toHaveAttribute('data-status', 'expired');
  });
});

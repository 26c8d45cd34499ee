// Robot history and "why did it stop?" (issue 19): an operator pauses a robot; its History tab charts battery,
// speed and errors with data and lists the pause on its event timeline; the event's "why?" opens the why view at
// that moment, whose verdict names the pause and who sent it. Uses SIM-0012, which no other spec touches, and
// resumes it afterwards.
import { expect, test } from '@playwright/test';
import { asRole, trpcMutation, trpcQuery } from './auth';
import { robotIdBySerial } from './robot-id';

test.use(asRole('operator'));

interface IssuedCommand {
  id: string;
  issuedBy: string;
  issuedAt: number;
}

const SERIAL = 'SIM-0012';

let robotId = 0;
/** The robot this spec paused, resumed after the test so the fleet stays moving for the others. */
let paused: number | null = null;
test.afterEach(async ({ request }) => {
  if (paused !== null) await trpcMutation(request, 'commands.issue', { robotId: paused, type: 'resume' });
  paused = null;
});

test.describe('robot history and why it stopped', () => {
  test.describe.configure({ timeout: 120_000 });

  test('charts with data, the pause on the timeline, and the why view naming who paused it', async ({ page, request }) => {
    robotId = await robotIdBySerial(request, SERIAL);
    const pause = await trpcMutation<IssuedCommand>(request, 'commands.issue', { robotId, type: 'pause' });
    paused = robotId;
    // The pause is stored as a timeline event once the robot reports it (the recorder writes in batches).
    await expect
      .poll(
        async () =>
          (
            await trpcQuery<unknown[]>(request, 'history.events', {
              from: pause.issuedAt - 1_000,
              to: Date.now() + 1_000,
              robotIds: [robotId],
              kinds: ['paused'],
            })
          ).length,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    // History stores samples a slice at a time: on a freshly started app wait for the first stored slice.
    await expect
      .poll(
        async () =>
          (
            await trpcQuery<{ t: number[] }>(request, 'history.robotSeries', {
              robotId,
              from: Date.now() - 15 * 60_000,
              to: Date.now(),
              fields: ['battery'],
            })
          ).t.length,
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);

    await page.goto(`/robots/${robotId}`);
    await expect(page.getByTestId('why-link')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('history-tab').click();
    await expect(page.getByTestId('history-tab')).toHaveAttribute('aria-selected', 'true');

    // Three charts drawn by uPlot, each with samples of the last 15 minutes.
    for (const chart of ['chart-battery', 'chart-speed', 'chart-errors']) {
      const fig = page.getByTestId(chart);
      await expect(fig).toBeVisible({ timeout: 30_000 });
      await expect(fig.locator('canvas')).toBeVisible();
      expect(Number(await fig.getAttribute('data-points'))).toBeGreaterThan(0);
    }

    // The event timeline, newest first, shows the pause and the command; filtering to commands hides the pause.
    const events = page.getByTestId('robot-events');
    await expect(events.locator('[data-testid="history-event"][data-kind="paused"]').first()).toBeVisible({ timeout: 30_000 });
    const issued = events.locator('[data-testid="history-event"][data-kind="command_issued"]').filter({ hasText: pause.issuedBy });
    await expect(issued.first()).toBeVisible();
    await events.getByTestId('legend-status').uncheck();
    await expect(events.locator('[data-testid="history-event"][data-kind="paused"]')).toHaveCount(0);
    await events.getByTestId('legend-status').check();

    // "why?" on the pause opens the why view at that moment.
    await events.locator('[data-testid="history-event"][data-kind="paused"]').first().getByTestId('event-why-link').click();
    await expect(page).toHaveURL(new RegExp(`/robots/${robotId}/why\\?at=\\d+`));
    const verdict = page.getByTestId('why-verdict-text');
    await expect(verdict).toBeVisible({ timeout: 30_000 });
    await expect(verdict).toHaveAttribute('data-reason', 'command');
    await expect(verdict).toContainText(`Paused by ${pause.issuedBy}`);
    await expect(page.getByTestId('why-user')).toHaveText(pause.issuedBy);
    // The timeline around the moment: the command (with a link to the ledger) and the moment marker.
    const timeline = page.getByTestId('why-events');
    await expect(timeline.getByTestId('why-moment')).toBeVisible();
    const command = timeline.locator('[data-testid="history-event"][data-kind="command_issued"]').filter({ hasText: pause.issuedBy });
    await expect(command.first()).toBeVisible();
    await expect(command.first().getByTestId('event-ledger-link')).toHaveAttribute('href', `/commands?robot=${robotId}`);
    await expect(page.getByTestId('why-status')).toHaveText('paused');
    await expect(page.getByTestId('why-flow')).toBeVisible();

    // Keyboard: the legend's checkboxes are reachable and toggle rows.
    await page.getByTestId('legend-command').focus();
    await page.keyboard.press('Space');
    await expect(timeline.locator('[data-testid="history-event"][data-kind="command_issued"]')).toHaveCount(0);
  });

  test('the why link by the status opens the view of now with the moment in the URL', async ({ page, request }) => {
    robotId = await robotIdBySerial(request, SERIAL);
    await page.goto(`/robots/${robotId}`);
    await page.getByTestId('why-link').click();
    await expect(page).toHaveURL(new RegExp(`/robots/${robotId}/why\\?at=\\d+`), { timeout: 30_000 });
    await expect(page.getByTestId('why-verdict-text').or(page.getByTestId('why-empty'))).toBeVisible({ timeout: 30_000 });
  });
});

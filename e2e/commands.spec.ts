// The command ledger as an operator meets it: commands from the 3D view's panel, the live ledger on a second
// page, stop-all and resume-all with their confirmations, and multi-select in the scene. Commands need the operator role; a
// command's trace is opened by an architect, and the live ledger is watched by a viewer.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright Locator.innerText() calls (rendered, visible text), not DOM nodes; textContent would also read hidden text
import { expect, test, type Locator, type Page } from '@playwright/test';
import { asRole } from './auth';
import { openFleet, posesOf, SIM_ROBOTS } from './fixtures';

test.use(asRole('operator'));

// Robots that pause keep still; allow for float noise in the reported pose.
const STILL_M = 0.02;

/** The canvas's box on the page (robots are clicked with the mouse at box + screenPositionOf). */
async function canvasBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const canvas = page.locator('[data-testid="fleet-canvas"] canvas').first();
  await expect(canvas).toBeVisible();
  return (await canvas.boundingBox())!;
}

/** Clicks a driving robot in the 3D view until the panel shows one; returns its id. */
async function selectDrivingRobotInScene(page: Page): Promise<number> {
  const box = await canvasBox(page);
  const panel = page.getByTestId('robot-panel');
  let selected = 0;
  await expect
    .poll(
      async () => {
        const ids = await page.evaluate(
          ({ w, h }) => {
            const d = window.__fleetDebug!;
            const out: number[] = [];
            for (const el of document.querySelectorAll('[data-testid="robot-row"]')) {
              const id = Number(el.getAttribute('data-robot-id'));
              const p = d.screenPositionOf(id);
              const pose = d.poseOf(id);
              // Away from the list edge, the legend and the panel, which cover parts of the canvas.
              if (
                p &&
                pose &&
                d.statusOf(id) === 'driving' &&
                Math.abs(pose.speed) > 0.05 &&
                p.x > 40 &&
                p.y > 40 &&
                p.x < w - 360 &&
                p.y < h - 110
              )
                out.push(id);
            }
            return out.slice(0, 5);
          },
          { w: box.width, h: box.height },
        );
        for (const id of ids) {
          const p = await page.evaluate((i) => window.__fleetDebug?.screenPositionOf(i) ?? null, id);
          if (!p) continue;
          // The mouse directly: a locator click waits for the canvas to be "stable", while the robot drives on.
          await page.mouse.click(box.x + p.x, box.y + p.y);
          if (!(await panel.isVisible())) continue;
          const href = await panel.getByRole('link', { name: /details/i }).getAttribute('href');
          const picked = Number(href?.split('/').pop());
          if (await page.evaluate((i) => window.__fleetDebug?.statusOf(i) === 'driving', picked)) {
            selected = picked;
            return true;
          }
        }
        return false;
      },
      { timeout: 30_000, message: 'a driving robot could be clicked in the 3D view' },
    )
    .toBe(true);
  return selected;
}

/** Largest distance any of the given robots (all robots when omitted) moved over `ms`. */
async function maxMovement(page: Page, ms: number, ids?: number[]): Promise<number> {
  const a = await posesOf(page);
  await page.waitForTimeout(ms);
  const b = await posesOf(page);
  let max = 0;
  for (const [id, p] of Object.entries(b)) {
    const q = a[Number(id)];
    if (!q || (ids && !ids.includes(Number(id)))) continue;
    max = Math.max(max, Math.hypot(p.x - q.x, p.y - q.y));
  }
  return max;
}

/** Ids of the panel's recent commands, newest first. */
async function recentIds(panel: Locator): Promise<string[]> {
  return panel.getByTestId('recent-command').evaluateAll((els) => els.map((e) => e.getAttribute('data-command-id') ?? ''));
}

/** Presses a command button in the panel and returns the id of the command it created. */
async function pressCommand(panel: Locator, type: string): Promise<string> {
  await expect(panel.getByTestId('recent-commands')).toHaveAttribute('aria-busy', 'false');
  const before = await recentIds(panel);
  await panel.getByTestId(`command-button-${type}`).click();
  let id = '';
  await expect
    .poll(
      async () => {
        id = (await recentIds(panel)).find((x) => !before.includes(x)) ?? '';
        return id;
      },
      { message: `a new ${type} command appears under the panel buttons` },
    )
    .not.toBe('');
  return id;
}

const row = (page: Page, id: string) => page.locator(`[data-testid="command-row"][data-command-id="${id}"]`);

test.describe('commands', () => {
  // Several page loads, 3D views and command round trips per test on a shared 2-core machine.
  test.describe.configure({ timeout: 150_000 });

  test('an operator pauses a driving robot from the 3D view: it stops and the ledger shows succeeded', async ({ page }) => {
    await openFleet(page);
    const robotId = await selectDrivingRobotInScene(page);
    const panel = page.getByTestId('robot-panel');
    const serial = (await panel.getByTestId('robot-serial').innerText()).trim();

    const pauseId = await pressCommand(panel, 'pause');
    await expect(panel.locator(`[data-testid="recent-command"][data-command-id="${pauseId}"]`)).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('toast').filter({ hasText: `Pause · ${serial}: succeeded` })).toBeVisible();
    await expect(
      page
        .getByTestId('robot-row')
        .and(page.locator(`[data-robot-id="${robotId}"]`))
        .locator('[data-status]'),
    ).toHaveAttribute('data-status', 'paused');
    await expect
      .poll(() => maxMovement(page, 2000, [robotId]), { timeout: 20_000, message: 'the paused robot keeps still' })
      .toBeLessThan(STILL_M);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Commands' }).click();
    await expect(row(page, pauseId)).toHaveAttribute('data-status', 'succeeded');
    await expect(row(page, pauseId)).toContainText(serial);
    await row(page, pauseId).click();
    await expect(page.getByTestId('command-history').getByTestId('command-event').last()).toHaveAttribute('data-to', 'succeeded');

    // Leave the fleet moving for other tests: back to the 3D view, where the robot is still selected.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet' }).click();
    const resumeId = await pressCommand(page.getByTestId('robot-panel'), 'resume');
    await expect(page.locator(`[data-testid="recent-command"][data-command-id="${resumeId}"]`)).toHaveAttribute('data-status', 'succeeded');
  });

  test("a command's history links to its trace: ledger, dispatch, MQTT publish, the robot's acknowledgement, viewers", async ({
    page,
    browser,
  }) => {
    await openFleet(page);
    await page.getByTestId('robot-row').first().click();
    const panel = page.getByTestId('robot-panel');
    const id = await pressCommand(panel, 'stateRequest');
    await expect(panel.locator(`[data-testid="recent-command"][data-command-id="${id}"]`)).toHaveAttribute('data-status', 'succeeded');
    // The operator sees the trace id but may not open traces; an architect may.
    await page.goto('/commands');
    await row(page, id).click();
    await expect(page.getByTestId('command-history')).toContainText(/[0-9a-f]{32}/);
    await expect(page.getByTestId('command-history').getByTestId('command-trace-link')).toHaveCount(0);
    const context = await browser.newContext(asRole('architect'));
    const architect = await context.newPage();
    try {
      await architect.goto('/commands');
      await row(architect, id).click();
      await architect.getByTestId('command-history').getByTestId('command-trace-link').click();
      const waterfall = architect.getByTestId('trace-waterfall');
      for (const op of ['ledger.record', 'dispatcher.dispatch', 'mqtt.publish', 'robot.acknowledge', 'ledger.final', 'socketio.send']) {
        await expect(waterfall.locator(`[data-testid="waterfall-hop"][data-operation="${op}"]`)).toBeVisible();
      }
    } finally {
      await context.close();
    }
  });

  test('a second viewer on /commands sees the status change live', async ({ page, browser }) => {
    const context = await browser.newContext(asRole('viewer'));
    const viewer = await context.newPage();
    try {
      await viewer.goto('/commands');
      await expect(viewer.getByTestId('command-ledger').or(viewer.getByTestId('ledger-empty'))).toBeVisible({ timeout: 30_000 });
      await viewer.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      await openFleet(page);
      await page.getByTestId('robot-row').nth(5).click();
      const panel = page.getByTestId('robot-panel');
      const pauseId = await pressCommand(panel, 'pause');
      await expect(row(viewer, pauseId)).toBeVisible();
      await expect(row(viewer, pauseId)).toHaveAttribute('data-status', 'succeeded');
      const resumeId = await pressCommand(panel, 'resume');
      await expect(row(viewer, resumeId)).toHaveAttribute('data-status', 'succeeded');
      expect(await viewer.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('stop-all pauses every robot; resume all sets them moving again', async ({ page }) => {
    await openFleet(page);
    const stop = page.getByTestId('stop-all');
    await expect(stop).toHaveText(/Stop all/);
    await stop.click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText(`Pause all ${SIM_ROBOTS} robots?`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('stop-all-result')).toHaveText(`Pause sent to ${SIM_ROBOTS} robots`);
    // One toast once every pause is final (an offline robot's pause would expire, so "all succeeded" is not required).
    await expect(page.getByTestId('toast').filter({ hasText: new RegExp(`Stop all · ${SIM_ROBOTS} robots: \\d+ succeeded`) })).toBeVisible({
      timeout: 45_000,
    });
    // Charging outranks paused in the list's status, so "not driving" is what every row must show.
    await expect(page.getByTestId('robot-row').locator('[data-status="driving"]')).toHaveCount(0);
    await expect.poll(() => maxMovement(page, 2000), { timeout: 20_000, message: 'no robot moves after stop-all' }).toBeLessThan(STILL_M);

    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await expect(palette).toBeVisible();
    await page.keyboard.type('resume all');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    // Resume all sets every robot moving: it asks first.
    await expect(dialog).toContainText(`Resume all ${SIM_ROBOTS} robots?`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast').filter({ hasText: new RegExp(`Resume · ${SIM_ROBOTS} robots: \\d+ succeeded`) })).toBeVisible({
      timeout: 45_000,
    });
    await expect.poll(() => maxMovement(page, 1500), { timeout: 30_000, message: 'robots move again after resume' }).toBeGreaterThan(0.1);
  });

  test('shift-drag box-selects robots; stop-all still covers the fleet, the panel pauses the selection', async ({ page }) => {
    await openFleet(page);
    const box = await canvasBox(page);
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5, { steps: 5 });
    await expect(page.getByTestId('selection-box')).toBeVisible();
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const panel = page.getByTestId('selection-panel');
    await expect(panel).toBeVisible();
    const count = Number(await panel.getByTestId('selection-count').innerText());
    expect(count).toBeGreaterThan(1);
    // The emergency stop never narrows to a selection; pausing just the selection is the panel's own button.
    await expect(page.getByTestId('stop-all')).toHaveText(/Stop all/);
    await expect(page.getByTestId('stop-all')).toHaveAttribute('data-scope', 'fleet');
    await expect(panel.getByTestId('pause-selected')).toHaveText(new RegExp(`Pause ${count} selected`));
    await expect(panel.getByTestId('command-button-pause')).toBeEnabled();

    // Shift-click on a selected robot removes it from the selection. Pick one on its own on screen (robots
    // at chargers stand close together) and away from the panel and the legend.
    const selected = await panel
      .getByTestId('selected-robot')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-robot-id'))));
    let removed = 0;
    await expect
      .poll(
        async () => {
          const target = await page.evaluate(
            ({ ids, w, h }) => {
              const d = window.__fleetDebug!;
              const at = ids.map((id) => ({ id, p: d.screenPositionOf(id), speed: Math.abs(d.poseOf(id)?.speed ?? 9) }));
              const alone = at.filter(
                ({ id, p }) =>
                  p &&
                  p.x > 40 &&
                  p.y > 40 &&
                  p.x < w - 360 &&
                  p.y < h - 110 &&
                  at.every((o) => o.id === id || !o.p || Math.hypot(o.p.x - p.x, o.p.y - p.y) > 60),
              );
              return alone.sort((a, b) => a.speed - b.speed)[0] ?? null;
            },
            { ids: selected, w: box.width, h: box.height },
          );
          if (!target?.p) return false;
          await page.keyboard.down('Shift');
          await page.mouse.click(box.x + target.p.x, box.y + target.p.y);
          await page.keyboard.up('Shift');
          removed = target.id;
          return true;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect(panel.locator(`[data-testid="selected-robot"][data-robot-id="${removed}"]`)).toHaveCount(0);
    await expect(panel.getByTestId('selection-count')).toHaveText(String(count - 1));
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(page.getByTestId('stop-all')).toHaveText(/Stop all/);
  });
});

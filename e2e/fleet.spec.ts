// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright Locator.innerText() calls (rendered, visible text), not DOM nodes; textContent would also read hidden text
import { expect, test } from '@playwright/test';
import { asRole } from './auth';
import { debugFigures, openFleet, posesOf, SIM_ROBOTS } from './fixtures';

// Watching the fleet needs nothing more than the viewer role.
test.use(asRole('viewer'));

test.describe('live 3D fleet', () => {
  test.beforeEach(async ({ page }) => {
    await openFleet(page);
  });

  test('the WebGL canvas renders robots', async ({ page }) => {
    const hasWebGl = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="fleet-canvas"] canvas, canvas');
      return c instanceof HTMLCanvasElement && !!(c.getContext('webgl2') ?? c.getContext('webgl'));
    });
    expect(hasWebGl).toBe(true);
    await expect.poll(async () => (await debugFigures(page)).drawCalls).toBeGreaterThan(0);
    const d = await debugFigures(page);
    expect(d.robotsInScene).toBeGreaterThan(0);
    expect(d.robotsInScene).toBeLessThanOrEqual(SIM_ROBOTS);
  });

  test('the robot count equals the simulated fleet', async ({ page }) => {
    await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS));
    await expect(page.getByTestId('robot-row')).toHaveCount(SIM_ROBOTS);
  });

  test('robots move', async ({ page }) => {
    const before = await posesOf(page);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          const after = await posesOf(page);
          return Object.entries(after).filter(([id, p]) => {
            const b = before[Number(id)];
            return b && Math.hypot(p.x - b.x, p.y - b.y) + Math.abs(p.theta - b.theta) > 1e-3;
          }).length;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
  });

  test('clicking a robot row opens its panel', async ({ page }) => {
    // Pinned by id: robots with open alerts sort first, so the list may reorder while the test reads it.
    const id = await page.getByTestId('robot-row').nth(3).getAttribute('data-robot-id');
    const row = page.locator(`[data-testid="robot-row"][data-robot-id="${id}"]`);
    const serial = (await row.locator('.robot-serial').textContent())?.trim() ?? '';
    expect(serial).not.toBe('');
    await row.click();
    const panel = page.getByTestId('robot-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('robot-serial')).toHaveText(serial);
    await expect(panel.getByRole('link', { name: /details/i })).toHaveAttribute('href', `/robots/${id}`);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  test('keyboard: "/" focuses search, Enter on a row selects it', async ({ page }) => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox');
    await expect(search).toBeFocused();
    const serial = (await page.locator('.robot-serial').first().textContent())?.trim() ?? '';
    await search.fill(serial);
    await expect(page.getByTestId('robot-count')).toHaveText('1');
    await page.getByTestId('robot-row').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('robot-panel').getByTestId('robot-serial')).toHaveText(serial);
  });

  test('clicking a robot in the canvas selects it', async ({ page }) => {
    const canvas = page.locator('[data-testid="fleet-canvas"] canvas').first();
    const box = await canvas.boundingBox();
    expect(box).not.toBeNull();
    const panel = page.getByTestId('robot-panel');
    // Robots move between reading a position and clicking it, so try the slowest visible robots first
    // and keep going until one click lands.
    await expect
      .poll(
        async () => {
          const targets = await page.evaluate(
            ({ w, h }) => {
              const d = window.__fleetDebug;
              if (!d) return [];
              const out: { id: number; x: number; y: number; speed: number }[] = [];
              for (const el of document.querySelectorAll('[data-testid="robot-row"]')) {
                const id = Number(el.getAttribute('data-robot-id'));
                const p = d.screenPositionOf(id);
                const pose = d.poseOf(id);
                if (p && pose && p.x > 40 && p.y > 40 && p.x < w - 360 && p.y < h - 100)
                  out.push({ id, ...p, speed: Math.abs(pose.speed) });
              }
              return out.sort((a, b) => a.speed - b.speed).slice(0, 4);
            },
            { w: box!.width, h: box!.height },
          );
          for (const t of targets) {
            const p = await page.evaluate((id) => window.__fleetDebug?.screenPositionOf(id) ?? null, t.id);
            if (!p) continue;
            await canvas.click({ position: { x: p.x, y: p.y } });
            if (await panel.isVisible()) return true;
          }
          return false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await expect(panel.getByTestId('robot-serial')).not.toBeEmpty();
  });

  test('a second viewer sees the same fleet', async ({ page, browser }) => {
    const context = await browser.newContext(asRole('viewer'));
    const second = await context.newPage();
    try {
      await openFleet(second);
      await expect(second.getByTestId('robot-count')).toHaveText(await page.getByTestId('robot-count').innerText());
    } finally {
      await context.close();
    }
  });

  test('telemetry frames do not re-render the scene', async ({ page }) => {
    // Let the initial mount settle, then measure a quiet window.
    await page.waitForTimeout(1500);
    const a = await debugFigures(page);
    await page.waitForTimeout(3000);
    const b = await debugFigures(page);
    expect(b.framesReceived - a.framesReceived).toBeGreaterThanOrEqual(20);
    expect(b.sceneRenders - a.sceneRenders).toBeLessThanOrEqual(2);
  });
});

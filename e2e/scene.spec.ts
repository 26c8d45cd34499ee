// The 3D view's legibility: hovering a robot shows its serial and status, the camera presets switch between the
// perspective overview and the top-down 2D plan, and no THREE.Clock deprecation warning is printed. The legend names
// the site (loaded from LIF with SITE_LAYOUT) and hands its layout out as a LIF file.
import fs from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { asRole } from './auth';
import { openFleet } from './fixtures';

test.use(asRole('viewer'));
// WebGL is software-rendered in CI (a few frames per second on a busy machine): give each test room.
test.describe.configure({ timeout: 180_000 });

/** On-screen robots, slowest first (they move least between reading a position and pointing at it). */
async function robotsOnScreen(page: Page, w: number, h: number): Promise<number[]> {
  return page.evaluate(
    ({ w, h }) => {
      const d = window.__fleetDebug;
      if (!d) return [];
      const out: { id: number; speed: number }[] = [];
      for (const el of document.querySelectorAll('[data-testid="robot-row"]')) {
        const id = Number(el.getAttribute('data-robot-id'));
        const p = d.screenPositionOf(id);
        const pose = d.poseOf(id);
        if (p && pose && p.x > 60 && p.y > 80 && p.x < w - 360 && p.y < h - 120) out.push({ id, speed: Math.abs(pose.speed) });
      }
      return out.sort((a, b) => a.speed - b.speed).map((r) => r.id);
    },
    { w, h },
  );
}

test.describe('3D view legibility', () => {
  test('hovering a robot in the canvas shows its serial and status', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('THREE.Clock')) warnings.push(m.text());
    });
    await openFleet(page);
    const canvas = page.locator('[data-testid="fleet-canvas"] canvas').first();
    const box = await canvas.boundingBox();
    expect(box).not.toBeNull();
    const tooltip = page.getByTestId('robot-tooltip');
    // Robots keep moving (a few frames per second in software WebGL), so the tooltip may name a robot next to the
    // one aimed at: whichever it names, it must show that robot's serial.
    await expect
      .poll(
        async () => {
          for (const id of (await robotsOnScreen(page, box!.width, box!.height)).slice(0, 4)) {
            const p = await page.evaluate((i) => window.__fleetDebug?.screenPositionOf(i) ?? null, id);
            if (!p) continue;
            await page.mouse.move(box!.x + p.x, box!.y + p.y);
            const shown = await tooltip
              .waitFor({ state: 'visible', timeout: 3000 })
              .then(() => true)
              .catch(() => false);
            if (shown) return true;
          }
          return false;
        },
        { timeout: 90_000 },
      )
      .toBe(true);
    const hovered = await tooltip.getAttribute('data-robot-id');
    const serial = (await page.locator(`[data-testid="robot-row"][data-robot-id="${hovered}"] .robot-serial`).textContent())?.trim();
    expect(serial).toMatch(/^SIM-\d+$/);
    await expect(tooltip).toContainText(serial!);
    await expect(tooltip).toContainText(/Driving|Idle|Paused|Charging|Error|Offline/);
    // Leaving the canvas hides it.
    await page.mouse.move(box!.x + box!.width / 2, box!.y - 30);
    await expect(tooltip).toBeHidden();
    expect(warnings).toEqual([]);
  });

  test('the camera presets switch to the top-down 2D view and back, by button and by key', async ({ page }) => {
    await openFleet(page);
    const toolbar = page.getByRole('toolbar', { name: 'Camera' });
    await expect(toolbar).toHaveAttribute('data-projection', 'perspective');
    const top = toolbar.getByRole('button', { name: /Top-down 2D/ });
    await expect(top).toHaveAttribute('aria-keyshortcuts', '2');
    await top.click();
    await expect(toolbar).toHaveAttribute('data-projection', 'orthographic');
    await expect(top).toHaveAttribute('aria-pressed', 'true');
    // Robots are still drawn from above.
    await expect.poll(() => page.evaluate(() => window.__fleetDebug?.robotsInScene ?? 0)).toBeGreaterThan(0);
    await page.locator('body').press('1');
    await expect(toolbar).toHaveAttribute('data-projection', 'perspective');
    await expect(toolbar.getByRole('button', { name: /Overview/ })).toHaveAttribute('aria-pressed', 'true');
    await page.locator('body').press('2');
    await expect(toolbar).toHaveAttribute('data-projection', 'orthographic');
  });

  test('follow needs a selected robot and then follows it', async ({ page }) => {
    await openFleet(page);
    const toolbar = page.getByRole('toolbar', { name: 'Camera' });
    const follow = toolbar.getByRole('button', { name: /Follow selected/ });
    await expect(follow).toBeDisabled();
    await page.getByTestId('robot-row').first().click();
    await expect(follow).toBeEnabled();
    await follow.click();
    await expect(toolbar).toHaveAttribute('data-view', 'follow');
    await expect(follow).toHaveAttribute('aria-pressed', 'true');
  });

  test('the legend names the site, and Layout (LIF) downloads it as a LIF 1.0 file', async ({ page }) => {
    await openFleet(page);
    const line = page.getByTestId('site-line');
    await expect(line).toContainText('Warehouse 1 · 133 nodes');
    const [download] = await Promise.all([page.waitForEvent('download'), line.getByTestId('site-layout-download').click()]);
    expect(download.suggestedFilename()).toBe('default.lif.json');
    const doc = JSON.parse(await fs.readFile((await download.path())!, 'utf8')) as {
      metaInformation: { lifVersion: string };
      layouts: { layoutId: string; nodes: unknown[]; stations: { stationName: string }[] }[];
    };
    expect(doc.metaInformation.lifVersion).toBe('1.0.0');
    expect(doc.layouts[0]).toMatchObject({ layoutId: 'default' });
    expect(doc.layouts[0]!.nodes).toHaveLength(133);
    expect(doc.layouts[0]!.stations.map((s) => s.stationName)).toContain('Dock 1');
  });
});

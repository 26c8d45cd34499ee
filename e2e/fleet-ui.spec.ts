// The fleet page as an operator reads it (summary that filters, sortable list with faulted robots on top,
// multi-selection, a layout for 1024×768) and the robot page (404 for a robot that does not exist, a tab title
// naming the robot, command buttons for roles that may command).
import { expect, type Page, test } from '@playwright/test';
import { asRole, trpcQuery } from './auth';
import { SIM_ROBOTS } from './fixtures';

const rows = (page: Page) => page.getByTestId('robot-row');
const rowOf = (page: Page, id: number) => page.locator(`[data-testid="robot-row"][data-robot-id="${id}"]`);
const searchOf = (page: Page) => new URL(page.url()).searchParams;

/** The fleet page with every robot listed (these tests read the list and the panel, not the 3D scene). */
async function openFleet(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS), { timeout: 120_000 });
}

/** Ids of the rows as listed, top to bottom. */
const listedIds = (page: Page) => rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-robot-id'))));

async function firstRobot(page: Page): Promise<{ id: number; serialNumber: string }> {
  const robots = await trpcQuery<{ id: number; serialNumber: string }[]>(page.request, 'fleet.list');
  const r = [...robots].sort((a, b) => a.id - b.id)[0];
  expect(r, 'a robot').toBeDefined();
  return r!;
}

test.describe('robot page', () => {
  test.use(asRole('viewer'));

  test('a robot that does not exist answers HTTP 404 with a not-found message', async ({ page }) => {
    for (const path of ['/robots/999999', '/robots/abc', '/robots/0']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByTestId('robot-not-found')).toContainText('Robot not found');
      await expect(page.getByTestId('robot-not-found').getByRole('link', { name: /fleet/i })).toHaveAttribute('href', '/');
    }
  });

  test('the tab names the robot; a viewer sees its recent commands without buttons or an empty "Commands" heading', async ({ page }) => {
    const robot = await firstRobot(page);
    const res = await page.goto(`/robots/${robot.id}`);
    expect(res?.status()).toBe(200);
    await expect(page).toHaveTitle(`${robot.serialNumber} — FleetScope`);
    await expect(page.getByTestId('recent-commands')).toBeVisible();
    await expect(page.locator('[data-testid^="command-button-"]')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Commands', exact: true })).toHaveCount(0);
  });
});

test.describe('robot page for an operator', () => {
  test.use(asRole('operator'));

  test('has the command buttons', async ({ page }) => {
    const robot = await firstRobot(page);
    await page.goto(`/robots/${robot.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(robot.serialNumber);
    await expect(page.getByTestId('command-button-pause')).toBeVisible();
    await expect(page.getByTestId('command-button-resume')).toBeEnabled();
  });
});

test.describe('fleet list', () => {
  test.use(asRole('viewer'));
  // Each test opens the 3D fleet page; on a loaded 2-core machine that alone can take a minute.
  test.describe.configure({ timeout: 240_000 });

  test.beforeEach(async ({ page }) => {
    await openFleet(page);
  });

  test('a count of the summary filters the list to that status (URL ?status=), and Clear shows all again', async ({ page }) => {
    await expect(page.getByTestId('summary-total')).toHaveText(`${SIM_ROBOTS} robots`);
    // The status most robots are in now (robots change status as they work; the list follows live).
    const status = await page.evaluate(() => {
      let best = { status: '', n: -1 };
      for (const el of document.querySelectorAll('[data-testid^="summary-"][data-status]')) {
        const s = el.getAttribute('data-status') ?? '';
        const n = Number(el.querySelector('[data-testid="summary-count"]')?.textContent);
        if (n > best.n) best = { status: s, n };
      }
      return best.status;
    });
    const tile = page.getByTestId(`summary-${status}`);
    // Keyboard: the tiles are buttons.
    await tile.focus();
    await page.keyboard.press('Enter');
    await expect(tile).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => searchOf(page).get('status')).toBe(status);
    // Every listed robot has that status, and the list has as many as the tile counts.
    await expect(rows(page).locator(`[data-status]:not([data-status="${status}"])`)).toHaveCount(0);
    await expect
      .poll(() =>
        page.evaluate((s) => {
          const listed = document.querySelectorAll('[data-testid="robot-row"]').length;
          const counted = Number(document.querySelector(`[data-testid="summary-${s}"] [data-testid="summary-count"]`)?.textContent);
          return listed === counted && listed === Number(document.querySelector('[data-testid="robot-count"]')?.textContent);
        }, status),
      )
      .toBe(true);

    await page.getByTestId('clear-list-filter').click();
    await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS));
    await expect.poll(() => searchOf(page).get('status')).toBeNull();
    await expect(tile).toHaveAttribute('aria-pressed', 'false');

    // The filter is in the URL: a link opens the list filtered.
    await page.goto('/?status=offline');
    await expect(page.getByTestId('summary-offline')).toHaveAttribute('aria-pressed', 'true');
    await expect(rows(page).locator('[data-status]:not([data-status="offline"])')).toHaveCount(0);
  });

  test('sorting by battery is in the URL and reorders the list (robots needing attention stay on top)', async ({ page }) => {
    /** Battery of the rows below the pinned ones, in list order. */
    const batteries = () =>
      rows(page).evaluateAll((els) =>
        els.filter((e) => !e.hasAttribute('data-pinned')).map((e) => Number(e.getAttribute('data-battery') ?? Number.NaN)),
      );
    const sorted = (xs: number[], dir: 1 | -1) => xs.every((x, i) => i === 0 || dir * (x - (xs[i - 1] ?? x)) >= 0);

    await page.getByTestId('robot-sort').selectOption('battery:asc');
    await expect.poll(() => searchOf(page).get('sort')).toBe('battery');
    await expect.poll(async () => sorted(await batteries(), 1)).toBe(true);
    const ascending = await listedIds(page);

    await page.getByTestId('robot-sort').selectOption('battery:desc');
    await expect.poll(() => searchOf(page).get('dir')).toBe('desc');
    await expect.poll(async () => sorted(await batteries(), -1)).toBe(true);
    expect(await listedIds(page)).not.toEqual(ascending);

    // A reload keeps the sort.
    await page.reload();
    await expect(page.getByTestId('robot-sort')).toHaveValue('battery:desc');
    await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS), { timeout: 60_000 });
    await expect.poll(async () => sorted(await batteries(), -1)).toBe(true);
  });

  test('in a multi-selection every selected robot is highlighted in the list', async ({ page }) => {
    const [a, b, c] = (await listedIds(page)).slice(2, 5) as [number, number, number];
    await rowOf(page, a).click();
    await rowOf(page, b).click({ modifiers: ['Shift'] });
    await rowOf(page, c).click({ modifiers: ['Control'] });
    await expect(page.getByTestId('selection-panel').getByTestId('selection-count')).toHaveText('3');
    for (const id of [a, b, c]) {
      await expect(rowOf(page, id)).toHaveAttribute('aria-pressed', 'true');
      await expect(rowOf(page, id)).toHaveClass(/\bselected\b/);
    }
    await expect(page.locator('[data-testid="robot-row"][aria-pressed="true"]')).toHaveCount(3);
    // Shift-click again removes a robot; a plain click selects just one.
    await rowOf(page, b).click({ modifiers: ['Shift'] });
    await expect(rowOf(page, b)).toHaveAttribute('aria-pressed', 'false');
    await rowOf(page, c).click();
    await expect(page.locator('[data-testid="robot-row"][aria-pressed="true"]')).toHaveCount(1);
    await expect(page.getByTestId('robot-panel')).toBeVisible();
  });
});

test.describe('fleet layout at 1024×768', () => {
  test.use({ ...asRole('viewer'), viewport: { width: 1024, height: 768 } });
  test.describe.configure({ timeout: 240_000 });

  test('the panel covers well under half the scene and never the legend; it collapses; the search placeholder fits', async ({ page }) => {
    await openFleet(page);
    const fits = await page.getByRole('searchbox').evaluate((el) => {
      const input = el as HTMLInputElement;
      const cs = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d');
      if (!ctx) return false;
      ctx.font = cs.font;
      return ctx.measureText(input.placeholder).width <= input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    });
    expect(fits, 'the search placeholder is not cut off').toBe(true);

    await rows(page).nth(1).click();
    const panel = page.getByTestId('robot-panel');
    await expect(panel).toBeVisible();
    const scene = (await page.locator('.scene-area').boundingBox())!;
    const open = (await panel.boundingBox())!;
    const legend = (await page.locator('.scene-legend').boundingBox())!;
    expect(open.width).toBeLessThan(scene.width * 0.4);
    expect(legend.x + legend.width).toBeLessThanOrEqual(open.x);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByTestId('panel-collapse').click();
    await expect(page.getByTestId('panel-collapse')).toHaveAttribute('aria-expanded', 'false');
    await expect(panel.getByTestId('robot-serial')).toBeHidden();
    await expect.poll(async () => (await panel.boundingBox())?.height ?? 0).toBeLessThan(scene.height / 4);
    await page.getByTestId('panel-collapse').click();
    await expect(panel.getByTestId('robot-serial')).toBeVisible();
  });
});

// The layout at the supported window sizes (1024×768 the smallest): no page scrolls sideways, the bar stays one row
// with the user's name in it, and the right-most column of each page's main table is on screen. And the theme: light when
// the system prefers light, applied before the body exists (no dark flash), switched by the bar's toggle and
// remembered across reloads.
import { type APIRequestContext, expect, type Page, request as requests, test } from '@playwright/test';
import { ADMIN_NAME, asRole, BASE_URL, storageStateOf, trpcMutation, trpcQuery } from './auth';
import { watchCsp } from './fixtures';

test.use({ ...asRole('admin'), viewport: { width: 1024, height: 768 } });
// Each test loads a page or two of the live app (the 3D one among them) on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

interface PageCase {
  path: string;
  /** The page's main table (its right-most header cell must be on screen), if it has one. */
  table?: string;
  /** Shown once the page has its content. */
  ready: string;
  open?: (page: Page) => Promise<void>;
}

const withTable = (path: string, table: string): PageCase => ({ path, table, ready: `${table} thead th` });

const PAGES: PageCase[] = [
  { path: '/', ready: '[data-testid="robot-row"]' },
  withTable('/commands', '[data-testid="command-ledger"]'),
  withTable('/zones', '[data-testid="zones-table"]'),
  withTable('/flow', '.edge-table'),
  withTable('/alerts', '[data-testid="alerts-table"]'),
  { path: '/robots/1', ready: '[data-testid="live-tab"]' },
  { ...withTable('/robots/1', '[data-testid="inspector-log"] table'), open: (page) => page.getByTestId('inspector-tab').click() },
  withTable('/admin/users', '[data-testid="users-table"]'),
  withTable('/admin/audit', '[data-testid="audit-table"]'),
  withTable('/admin/credentials', '[data-testid="credentials-table"]'),
  withTable('/admin/alerts', '[data-testid="rules-table"]'),
];

// Rows for the ledger and the alert list, so that they show their tables: a state request (it changes nothing on
// the robot) and an emergency stop (an alert at once) on the last simulated robot, which no other spec uses.
const STAGED_SERIAL = 'SIM-0024';
let admin: APIRequestContext;
let stagedId = 0;
let stagedCredential = '';

async function stageRows(): Promise<void> {
  admin = await requests.newContext({ baseURL: BASE_URL, storageState: storageStateOf('admin') });
  await expect
    .poll(
      async () => {
        const robots = await trpcQuery<{ id: number; serialNumber: string }[]>(admin, 'fleet.list');
        stagedId = robots.find((r) => r.serialNumber === STAGED_SERIAL)?.id ?? 0;
        return stagedId;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  await trpcMutation(admin, 'commands.issue', { robotId: stagedId, type: 'stateRequest' });
  await trpcMutation(admin, 'sim.injectFault', { robotId: stagedId, fault: { kind: 'emergencyStop' } });
  // A credential for a manufacturer no simulated robot uses: the credentials page shows its table only with a row,
  // and on a fresh database no other spec may have left one.
  const made = await trpcMutation<{ credential: { id: string } }>(admin, 'credentials.create', {
    manufacturer: 'LayoutCheck',
    serialNumber: `L${Date.now()}`,
    note: 'made by the layout spec',
  });
  stagedCredential = made.credential.id;
}

async function unstageRows(): Promise<void> {
  if (stagedId) await trpcMutation(admin, 'sim.clearFault', { robotId: stagedId });
  if (stagedCredential) await trpcMutation(admin, 'credentials.delete', { id: stagedCredential });
  await admin.dispose();
}

/** How far the page scrolls sideways (0 when it fits the window). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });

/** The bar's layout: how many rows its links and controls take, and whether anything sticks out of it. */
const barLayout = (page: Page) =>
  page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('[data-testid="navbar"]');
    if (!bar) return null;
    const box = bar.getBoundingClientRect();
    const items = [...bar.querySelectorAll<HTMLElement>('nav a, .navbar-tools > *')].filter((e) => e.offsetWidth > 0);
    const outside = items
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.top < box.top || r.bottom > box.bottom || r.left < box.left || r.right > box.right;
      })
      .map((e) => e.outerHTML.slice(0, 80));
    const linkTops = new Set([...bar.querySelectorAll<HTMLElement>('nav a')].map((a) => a.getBoundingClientRect().top));
    return { height: Math.round(box.height), linkRows: linkTops.size, outside, overflows: bar.scrollWidth > bar.clientWidth };
  });

/** Whether the right-most header cell of the table is on screen and not covered or clipped. */
const lastColumnShown = (page: Page, table: string) =>
  page.evaluate((sel) => {
    const cells = document.querySelectorAll<HTMLElement>(`${sel} thead th`);
    const last = cells[cells.length - 1];
    if (!last) return `no header cells in ${sel}`;
    const r = last.getBoundingClientRect();
    if (r.width === 0 || r.left < 0 || r.right > window.innerWidth + 0.5) return `"${last.textContent}" at ${r.left}–${r.right}px`;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (hit === last || last.contains(hit)) ? 'shown' : `"${last.textContent}" covered by ${hit?.outerHTML.slice(0, 80)}`;
  }, table);

// The smallest supported window first (the one that failed before), then a laptop and a control-room screen.
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

test.describe('layout at 1024×768, 1280×720 and 1920×1080', () => {
  test.beforeAll(stageRows);
  test.afterAll(unstageRows);

  for (const c of PAGES) {
    const what = `${c.path}${c.open ? ' (inspector)' : ''}: fits the width, one-row bar${c.table ? ', last column shown' : ''}`;
    test(what, async ({ page }) => {
      await page.goto(c.path);
      await c.open?.(page);
      await expect(page.locator(c.ready).first()).toBeVisible({ timeout: 30_000 });
      for (const size of SIZES) {
        const at = `at ${size.width}×${size.height}`;
        await page.setViewportSize(size);
        await expect.poll(() => sidewaysOverflow(page), { message: `${at}: page scrolls sideways by (px)` }).toBeLessThanOrEqual(0);
        await expect
          .poll(() => barLayout(page), { message: `${at}: bar layout` })
          .toEqual({ height: 48, linkRows: 1, outside: [], overflows: false });
        await expect(page.getByTestId('user-name')).toHaveText(ADMIN_NAME);
        await expect(page.getByTestId('user-name')).toBeVisible();
        if (c.table) await expect.poll(() => lastColumnShown(page, c.table as string), { message: `${at}: last column` }).toBe('shown');
      }
    });
  }

  test('a long user name is shortened in the bar, whole in its tooltip', async ({ page }) => {
    await page.goto('/commands');
    const who = page.getByTestId('user-menu').locator('.user-who');
    await expect(who).toHaveAttribute('title', new RegExp(ADMIN_NAME));
    const name = page.getByTestId('user-name');
    await name.evaluate((el) => {
      el.textContent = 'Maximilian Alexander Fitzgerald-Worthington';
    });
    expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await barLayout(page)).toEqual({ height: 48, linkRows: 1, outside: [], overflows: false });
  });
});

test.describe('theme', () => {
  /** The theme on <html> at the moment <body> first appears (before anything can be painted). */
  async function themeAtFirstBody(page: Page): Promise<string | null> {
    return page.evaluate(() => (window as unknown as { __themeAtBody?: string | null }).__themeAtBody ?? null);
  }

  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      const record = () => {
        (window as unknown as { __themeAtBody?: string | null }).__themeAtBody = document.documentElement.getAttribute('data-theme');
      };
      new MutationObserver((_, obs) => {
        if (document.body) {
          record();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
  });

  test('follows a light system setting before the first paint, and the toggle switches and is remembered', async ({ page }) => {
    const csp = watchCsp(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/commands');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(await themeAtFirstBody(page)).toBe('light');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await expect.poll(background).toBe('rgb(243, 245, 248)');
    await expect(page.getByTestId('theme-system')).toHaveAttribute('aria-pressed', 'true');

    await page.getByTestId('theme-dark').click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect.poll(background).toBe('rgb(10, 14, 19)');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    expect(await themeAtFirstBody(page)).toBe('dark');
    await expect(page.getByTestId('theme-dark')).toHaveAttribute('aria-pressed', 'true');

    await page.getByTestId('theme-system').click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html).toHaveAttribute('data-theme', 'dark');

    await page.getByTestId('theme-light').click();
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(await themeAtFirstBody(page)).toBe('light');
    expect(csp).toEqual([]);
  });

  test('the light theme holds on the live fleet page', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await expect(page.getByTestId('robot-row').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(243, 245, 248)');
  });

  test('dark by default when the system prefers dark', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/flow');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await themeAtFirstBody(page)).toBe('dark');
  });
});

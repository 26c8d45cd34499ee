// Identity as people meet it: the login page, what each role sees and may do, the audit log, and sessions that
// end while a page is open. Every session here comes from the real login endpoint (global-setup.ts or the page).
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import {
  ADMIN_EMAIL,
  ADMIN_NAME,
  ADMIN_PASSWORD,
  anonymous,
  asRole,
  loginThroughPage,
  trpcMutation,
  trpcQuery,
  USERS,
  type Role,
} from './auth';
import { debugFigures, openFleet, SIM_ROBOTS, watchCsp } from './fixtures';

/** A commands.issue POST from inside the page: the browser sends the session cookie and the Origin itself. */
async function forceCommand(page: Page, robotId: number): Promise<{ status: number; code: string | null; message: string | null }> {
  return page.evaluate(async (id) => {
    const res = await fetch('/api/trpc/commands.issue', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ json: { robotId: id, type: 'pause' } }),
    });
    const body = (await res.json().catch(() => null)) as { error?: { json?: { message?: string; data?: { code?: string } } } } | null;
    return { status: res.status, code: body?.error?.json?.data?.code ?? null, message: body?.error?.json?.message ?? null };
  }, robotId);
}

/** A user of its own for a test that changes or ends their sessions (never one of the shared role users). */
async function freshUser(browser: Browser, role: Role): Promise<{ id: string; email: string; password: string; name: string }> {
  const admin = await browser.newContext(asRole('admin'));
  try {
    const email = `${role}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@e2e.local`;
    const password = 'fresh-user-password';
    const u = await trpcMutation<{ id: string }>(admin.request, 'users.create', { email, password, role, name: `Fresh ${role}` });
    return { id: u.id, email, password, name: `Fresh ${role}` };
  } finally {
    await admin.close();
  }
}

async function robotIdOf(page: Page, serial: string): Promise<number> {
  const robots = await trpcQuery<{ id: number; serialNumber: string }[]>(page.request, 'fleet.list');
  const r = robots.find((x) => x.serialNumber === serial);
  expect(r, `robot ${serial}`).toBeDefined();
  return r!.id;
}

/** Presses a command button in the panel and waits until the command it created succeeded. */
async function commandSucceeds(panel: Locator, type: string): Promise<string> {
  await expect(panel.getByTestId('recent-commands')).toHaveAttribute('aria-busy', 'false');
  const ids = () => panel.getByTestId('recent-command').evaluateAll((els) => els.map((e) => e.getAttribute('data-command-id') ?? ''));
  const before = await ids();
  await panel.getByTestId(`command-button-${type}`).click();
  let id = '';
  await expect.poll(async () => (id = (await ids()).find((x) => !before.includes(x)) ?? '')).not.toBe('');
  await expect(panel.locator(`[data-testid="recent-command"][data-command-id="${id}"]`)).toHaveAttribute('data-status', 'succeeded', {
    timeout: 30_000,
  });
  return id;
}

/** Reloads the audit page's rows until `row` shows (entries are written in batches). */
async function expectAuditRow(page: Page, row: Locator): Promise<void> {
  await expect(async () => {
    await page.getByTestId('audit-refresh').click();
    await expect(row.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test.describe('signing in', () => {
  test.use(anonymous);

  test('an anonymous visit lands on /login; a wrong password is refused; signing in shows the fleet; signing out ends it', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=%2F$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await expect(page.getByLabel('Email')).toBeFocused();
    await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');

    await page.keyboard.type(ADMIN_EMAIL);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await expect(page).toHaveURL(/\/login/);

    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/, { timeout: 30_000 });
    await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS), { timeout: 60_000 });
    await expect(page.getByTestId('user-name')).toHaveText(ADMIN_NAME);
    await expect(page.getByTestId('user-role')).toHaveText('admin');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toBeVisible();

    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
    await expect(page.getByTestId('login-reason')).toContainText('You signed out');
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=%2F$/);
    // The cookie of the ended session no longer opens anything.
    expect((await page.request.get('/api/trpc/fleet.list')).status()).toBe(401);
  });

  test('after signing in the page asked for opens; an address off the site never does', async ({ page }) => {
    await page.goto('/commands?robot=3');
    await expect(page).toHaveURL(/\/login\?next=%2Fcommands%3Frobot%3D3$/);
    await page.getByLabel('Email').fill(USERS.viewer.email);
    await page.getByLabel('Password', { exact: true }).fill(USERS.viewer.password);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/commands\?robot=3$/, { timeout: 30_000 });
    await expect(page.getByTestId('command-ledger').or(page.getByTestId('ledger-empty'))).toBeVisible({ timeout: 30_000 });

    await page.context().clearCookies();
    await page.goto('/login?next=https%3A%2F%2Fevil.example%2F');
    await page.getByLabel('Email').fill(USERS.viewer.email);
    await page.getByLabel('Password', { exact: true }).fill(USERS.viewer.password);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/, { timeout: 30_000 });
  });

  test('too many failed attempts: the page says how long to wait', async ({ page }) => {
    const email = `nobody-${Date.now().toString(36)}@e2e.local`;
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    const error = page.getByTestId('login-error');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Password', { exact: true }).fill(`wrong-${i}`);
      await page.keyboard.press('Enter');
      await expect(error).toHaveAttribute('data-kind', 'credentials');
      await expect(page.getByTestId('login-submit')).toBeEnabled();
    }
    await page.getByLabel('Password', { exact: true }).fill('wrong-again');
    await page.keyboard.press('Enter');
    await expect(error).toHaveAttribute('data-kind', 'rate-limited');
    await expect(error).toContainText(/Too many failed sign-in attempts\. Try again in \d+ min/);
    await expect(page.getByTestId('login-submit')).toBeDisabled();
    await expect(page.getByTestId('login-submit')).toHaveText(/Wait \d+ min/);
  });
});

test.describe('a viewer', () => {
  test.use(asRole('viewer'));

  test('sees the fleet but no command controls, and a forced command is refused with 403 FORBIDDEN', async ({ page }) => {
    await openFleet(page);
    await expect(page.getByTestId('user-name')).toHaveText(USERS.viewer.name);
    await expect(page.getByTestId('user-role')).toHaveText('viewer');
    await expect(page.getByTestId('stop-all')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Run command/ })).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('command-palette')).toHaveCount(0);

    // Pinned by id: robots with open alerts sort first, so the list may reorder between reading and clicking.
    const robotId = Number(await page.getByTestId('robot-row').nth(2).getAttribute('data-robot-id'));
    await page.locator(`[data-testid="robot-row"][data-robot-id="${robotId}"]`).click();
    const panel = page.getByTestId('robot-panel');
    await expect(panel.getByTestId('recent-commands')).toBeVisible();
    await expect(panel.locator('[data-testid^="command-button-"]')).toHaveCount(0);
    await expect(panel.getByTestId('fault-injection')).toHaveCount(0);

    const forced = await forceCommand(page, robotId);
    expect(forced).toEqual({ status: 403, code: 'FORBIDDEN', message: 'the viewer role may not send commands to robots' });
  });

  test('payloads and traces say they need the architect role; admin pages say administrators only', async ({ page }) => {
    await page.goto('/');
    const id = await robotIdOf(page, 'SIM-0003');
    await page.goto(`/robots/${id}`);
    await page.getByTestId('inspector-tab').click();
    await expect(page.getByTestId('inspector-no-payloads').getByTestId('needs-role')).toContainText('need the architect role');
    await expect(page.getByTestId('factsheet-panel')).toBeVisible();
    await expect(page.getByTestId('inspector-row')).toHaveCount(0);

    await page.goto('/flow');
    await expect(page.getByTestId('flow-graph')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('trace-search-locked')).toContainText('need the architect role');
    await expect(page.getByTestId('trace-search')).toHaveCount(0);

    for (const path of ['/admin/users', '/admin/credentials', '/admin/audit']) {
      await page.goto(path);
      await expect(page.getByTestId('admin-only')).toContainText('Administrators only');
      await expect(page.getByTestId('admin-only')).toContainText(USERS.viewer.email);
    }
  });
});

test.describe('operators and the audit log', () => {
  test.describe.configure({ timeout: 120_000 });

  test("an operator pauses a robot from the UI; the admin's audit page shows the command with the operator's email", async ({
    browser,
  }) => {
    const opContext = await browser.newContext(asRole('operator'));
    const adminContext = await browser.newContext(asRole('admin'));
    try {
      const op = await opContext.newPage();
      await openFleet(op);
      await expect(op.getByTestId('user-name')).toHaveText(USERS.operator.name);
      await expect(op.getByTestId('stop-all')).toBeVisible();
      await expect(op.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
      const robotId = await robotIdOf(op, 'SIM-0016');
      await op.locator(`[data-testid="robot-row"][data-robot-id="${robotId}"]`).click();
      const panel = op.getByTestId('robot-panel');
      await commandSucceeds(panel, 'pause');
      await commandSucceeds(panel, 'resume');

      const admin = await adminContext.newPage();
      await admin.goto('/admin/audit');
      await admin.getByTestId('audit-filter-action').selectOption('command.issue');
      await admin.getByTestId('audit-filter-actor').fill(USERS.operator.email);
      const entry = admin
        .locator(`[data-testid="audit-row"][data-action="command.issue"][data-actor="${USERS.operator.email}"]`)
        .filter({ hasText: `robot ${robotId}` });
      await expectAuditRow(admin, entry);
      await expect(entry.first()).toContainText('ok');
      await expect(admin).toHaveURL(/action=command\.issue/);
    } finally {
      await opContext.close();
      await adminContext.close();
    }
  });

  test("a viewer's forced command is in the audit log as a denied access", async ({ browser }) => {
    const viewerContext = await browser.newContext(asRole('viewer'));
    const adminContext = await browser.newContext(asRole('admin'));
    try {
      const viewer = await viewerContext.newPage();
      await viewer.goto('/');
      const robotId = await robotIdOf(viewer, 'SIM-0017');
      expect((await forceCommand(viewer, robotId)).code).toBe('FORBIDDEN');

      const admin = await adminContext.newPage();
      await admin.goto('/admin/audit');
      await expect(admin.getByTestId('audit-table')).toBeVisible();
      await admin.getByTestId('audit-filter-outcome').selectOption('denied');
      await admin.getByTestId('audit-filter-actor').fill(USERS.viewer.email);
      const entry = admin
        .locator(`[data-testid="audit-row"][data-action="access"][data-outcome="denied"][data-actor="${USERS.viewer.email}"]`)
        .filter({ hasText: 'commands.issue' });
      await expectAuditRow(admin, entry);
      await expect(admin.locator('[data-testid="audit-row"]:not([data-outcome="denied"])')).toHaveCount(0);

      // The export carries the same filters, and the CSV has the entry.
      const exportLink = admin.getByTestId('audit-export');
      await expect(exportLink).toHaveAttribute('href', /outcome=denied/);
      await expect(exportLink).toHaveAttribute('href', new RegExp(`actor=${encodeURIComponent(USERS.viewer.email)}`));
      const href = await exportLink.getAttribute('href');
      const csv = await adminContext.request.get(href!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect(await csv.text()).toMatch(new RegExp(`${USERS.viewer.email.replace('.', '\\.')},access,commands\\.issue,denied`));
    } finally {
      await viewerContext.close();
      await adminContext.close();
    }
  });
});

test.describe('sessions that change while a page is open', () => {
  test.describe.configure({ timeout: 120_000 });

  test('disabling a user cuts off their open page: it lands on /login within 10 s', async ({ browser }) => {
    const user = await freshUser(browser, 'viewer');
    const userContext = await browser.newContext(anonymous);
    const adminContext = await browser.newContext(asRole('admin'));
    try {
      const page = await userContext.newPage();
      await loginThroughPage(page, user.email, user.password);
      await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS), { timeout: 60_000 });
      await expect(page.getByTestId('user-name')).toHaveText(user.name);

      const admin = await adminContext.newPage();
      await admin.goto('/admin/users');
      const row = admin.locator(`[data-testid="user-row"][data-email="${user.email}"]`);
      await row.getByTestId('user-toggle-disabled').click();
      await expect(admin.getByTestId('confirm-dialog')).toContainText(`Disable ${user.email}?`);
      await admin.getByTestId('confirm-button').click();
      await expect(row).toHaveAttribute('data-disabled', 'true');

      await expect(page).toHaveURL(/\/login\?next=%2F&reason=session-ended$/, { timeout: 10_000 });
      await expect(page.getByTestId('login-reason')).toContainText('Your session ended');
      // Disabled: the right password no longer signs in.
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.');
    } finally {
      await userContext.close();
      await adminContext.close();
    }
  });

  test('a role change shows the new controls on the open page without a reload', async ({ browser }) => {
    const user = await freshUser(browser, 'viewer');
    const userContext = await browser.newContext(anonymous);
    const adminContext = await browser.newContext(asRole('admin'));
    try {
      const page = await userContext.newPage();
      await loginThroughPage(page, user.email, user.password);
      await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS), { timeout: 60_000 });
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      await page.getByTestId('robot-row').nth(4).click();
      const panel = page.getByTestId('robot-panel');
      await expect(panel.getByTestId('recent-commands')).toBeVisible();
      await expect(panel.getByTestId('command-button-pause')).toHaveCount(0);

      await trpcMutation(adminContext.request, 'users.update', { id: user.id, role: 'operator' });
      await expect(panel.getByTestId('command-button-pause')).toBeVisible({ timeout: 10_000 });
      await expect(page.getByTestId('stop-all')).toBeVisible();
      await expect(page.getByTestId('user-role')).toHaveText('operator');
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    } finally {
      await userContext.close();
      await adminContext.close();
    }
  });
});

test('no page breaks the Content Security Policy, and the 3D view draws under it', async ({ browser }) => {
  test.setTimeout(120_000);
  const anon = await browser.newContext(anonymous);
  const context = await browser.newContext(asRole('admin'));
  try {
    const login = await anon.newPage();
    const violations = watchCsp(login);
    await login.goto('/login');
    await expect(login.getByTestId('login-form')).toBeVisible();

    const page = await context.newPage();
    const seen = watchCsp(page);
    await openFleet(page);
    await expect.poll(async () => (await debugFigures(page)).drawCalls).toBeGreaterThan(0);
    await page.goto('/flow');
    await expect(page.getByTestId('flow-graph')).toBeVisible({ timeout: 60_000 });
    await page.goto(`/robots/${await robotIdOf(page, 'SIM-0005')}`);
    await page.getByTestId('inspector-tab').click();
    await expect(page.getByTestId('inspector-row').first()).toBeVisible({ timeout: 30_000 });
    for (const path of ['/commands', '/admin/users', '/admin/credentials', '/admin/audit']) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
    }
    expect([...violations, ...seen]).toEqual([]);
  } finally {
    await anon.close();
    await context.close();
  }
});

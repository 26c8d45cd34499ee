// Lists as an administrator uses them: a column header sorts the list, the sort and the filters are in the URL (a
// reload or a shared link shows the same list; Back undoes a choice), and an admin page shows one outcome at a
// time (a refusal never under an older success).
import { expect, type Locator, type Page, test } from '@playwright/test';
import { asRole } from './auth';

test.use(asRole('admin'));

const collate = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
const isOrdered = (values: readonly string[], dir: 'asc' | 'desc') =>
  values.slice(1).every((v, i) => {
    const c = collate(values[i] ?? '', v);
    return dir === 'asc' ? c <= 0 : c >= 0;
  });

/** The rows' `attr` values, top to bottom. */
const column = (rows: Locator, attr: string) => rows.evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attr);

const search = (page: Page) => new URL(page.url()).searchParams;

test('a header sorts the users, the sort is in the URL, a reload keeps it and Back undoes it', async ({ page }) => {
  await page.goto('/admin/users');
  const table = page.getByTestId('users-table');
  const rows = page.getByTestId('user-row');
  await expect(rows.nth(3)).toBeVisible();
  const header = table.getByRole('columnheader', { name: /User/ });
  await expect(header).toHaveAttribute('aria-sort', 'none');

  // Keyboard: the header's button takes focus and Enter sorts.
  await table.getByTestId('users-table-sort-user').focus();
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => search(page).get('sort')).toBe('user');
  await expect.poll(async () => isOrdered(await column(rows, 'data-name'), 'asc')).toBe(true);
  const ascending = await column(rows, 'data-name');

  await table.getByTestId('users-table-sort-user').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => search(page).get('dir')).toBe('desc');
  await expect.poll(() => column(rows, 'data-name')).toEqual([...ascending].reverse());

  await page.reload();
  await expect(page.getByTestId('users-table').getByRole('columnheader', { name: /User/ })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => column(page.getByTestId('user-row'), 'data-name')).toEqual([...ascending].reverse());

  await page.goBack();
  await expect.poll(() => search(page).get('dir')).toBeNull();
  await expect(page.getByTestId('users-table').getByRole('columnheader', { name: /User/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => column(page.getByTestId('user-row'), 'data-name')).toEqual(ascending);
});

test('the users filter by role and text, in the URL; a shared link shows the same list', async ({ page, browser }) => {
  await page.goto('/admin/users');
  await expect(page.getByTestId('user-row').nth(3)).toBeVisible();
  await page.getByTestId('users-filter-role').selectOption('operator');
  await expect.poll(() => search(page).get('role')).toBe('operator');
  await expect(page.locator('[data-testid="user-row"]:not([data-role="operator"])')).toHaveCount(0);
  await page.getByTestId('users-filter-text').fill('otto');
  await expect.poll(() => search(page).get('q')).toBe('otto');
  await expect(page.getByTestId('user-row')).toHaveCount(1);
  await expect(page.getByTestId('users-count')).toContainText('1 of');

  const context = await browser.newContext(asRole('admin'));
  try {
    const shared = await context.newPage();
    await shared.goto(page.url());
    await expect(shared.getByTestId('users-filter-text')).toHaveValue('otto');
    await expect(shared.getByTestId('users-filter-role')).toHaveValue('operator');
    await expect(shared.getByTestId('user-row')).toHaveCount(1);
  } finally {
    await context.close();
  }

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => page.url()).not.toContain('?');
});

test('the alert rules sort by a column and filter by text, both kept over a reload', async ({ page }) => {
  await page.goto('/admin/alerts?q=robot');
  const rows = page.getByTestId('rule-row');
  await expect(page.getByTestId('rules-filter-text')).toHaveValue('robot');
  await expect(rows.first()).toBeVisible();
  // The app's own rules (database, broker, ingest) do not mention robots.
  await expect(page.locator('[data-testid="rule-row"][data-rule-id="app.ingest_backlog"]')).toHaveCount(0);
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain('robot');
  await page.getByTestId('rules-table-sort-name').click();
  await expect.poll(() => search(page).get('sort')).toBe('name');
  const names = () => rows.locator('.rule-name strong').allInnerTexts();
  await expect.poll(async () => isOrdered(await names(), 'asc')).toBe(true);
  await page.getByTestId('rules-table-sort-name').click();
  await expect.poll(async () => isOrdered(await names(), 'desc')).toBe(true);
  const before = await names();
  await page.reload();
  await expect(page.getByTestId('rules-filter-text')).toHaveValue('robot');
  await expect.poll(names).toEqual(before);
});

test('a duplicate email shows only its error, not the previous success; the next success clears the error', async ({ page }) => {
  const email = `dup-${Date.now().toString(36)}@e2e.local`;
  await page.goto('/admin/users');
  const form = page.getByTestId('create-user-form');
  await form.getByTestId('new-user-email').fill(email);
  await form.getByTestId('new-user-password').fill('initial-password-1');
  await form.getByTestId('create-user').click();
  await expect(page.getByTestId('users-status')).toContainText(`Created ${email}`);

  await form.getByTestId('new-user-email').fill(email);
  await form.getByTestId('new-user-password').fill('initial-password-1');
  await form.getByTestId('create-user').click();
  await expect(form.getByTestId('create-user-error')).toContainText('already exists');
  await expect(page.getByTestId('users-status')).toHaveCount(0);

  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await row.getByTestId('user-role-select').selectOption('operator');
  await page.getByTestId('confirm-button').click();
  await expect(page.getByTestId('users-status')).toContainText(`${email} is now operator`);
  await expect(form.getByTestId('create-user-error')).toHaveCount(0);
});

// The administration pages as an admin uses them: users (create, role, password reset) and robot credentials
// (a password shown once, reset, disable, delete). Sessions come from the real login endpoint (global-setup.ts).
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright Locator.innerText() calls (rendered, visible text), not DOM nodes; textContent would also read hidden text
import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, anonymous, asRole, loginThroughPage } from './auth';

test.describe('administration pages', () => {
  test.use(asRole('admin'));

  test('an admin adds a user, changes their role and resets their password; the user signs in with it', async ({ page, browser }) => {
    const email = `made-${Date.now().toString(36)}@e2e.local`;
    await page.goto('/admin/users');
    await expect(page.getByTestId('users-table')).toBeVisible();
    await expect(page.locator(`[data-testid="user-row"][data-email="${ADMIN_EMAIL}"]`)).toContainText('(you)');
    const form = page.getByTestId('create-user-form');
    await form.getByTestId('new-user-email').fill(email);
    await form.getByTestId('new-user-name').fill('Made In Test');
    await form.getByTestId('new-user-role').selectOption('viewer');
    // Too short: the field says so and the browser keeps the form from being sent.
    await form.getByTestId('new-user-password').fill('short');
    await expect(form.getByTestId('new-user-password')).toHaveAttribute('aria-invalid', 'true');
    await form.getByTestId('create-user').click();
    await expect(form.getByTestId('new-user-password')).toBeFocused();
    await expect(page.locator(`[data-testid="user-row"][data-email="${email}"]`)).toHaveCount(0);
    await form.getByTestId('new-user-password').fill('initial-password-1');
    await form.getByTestId('create-user').click();
    const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await expect(row).toHaveAttribute('data-role', 'viewer');
    await expect(page.getByTestId('users-status')).toContainText(`Created ${email}`);

    // The same email again is a conflict the form reports.
    await form.getByTestId('new-user-email').fill(email);
    await form.getByTestId('new-user-password').fill('initial-password-1');
    await form.getByTestId('create-user').click();
    await expect(form.getByTestId('create-user-error')).toContainText('already exists');

    await row.getByTestId('user-role-select').selectOption('architect');
    await page.getByTestId('confirm-button').click();
    await expect(row).toHaveAttribute('data-role', 'architect');

    await row.getByTestId('user-reset-password').click();
    await page.getByTestId('reset-password-input').fill('second-password-2');
    await page.getByTestId('reset-password-submit').click();
    await expect(page.getByTestId('users-status')).toContainText(`New password set for ${email}`);

    const context = await browser.newContext(anonymous);
    try {
      const them = await context.newPage();
      await loginThroughPage(them, email, 'second-password-2');
      await expect(them.getByTestId('user-role')).toHaveText('architect');
    } finally {
      await context.close();
    }
  });

  test('an admin creates a robot credential and sees its password once, resets it, disables and deletes it', async ({ page }) => {
    const serial = `CRED-${Date.now().toString(36)}`;
    await page.goto('/admin/credentials');
    await expect(page.getByTestId('credentials-table').or(page.getByTestId('credentials-empty'))).toBeVisible();
    const form = page.getByTestId('create-credential-form');
    await form.getByTestId('new-credential-manufacturer').fill('E2ERobotics');
    await form.getByTestId('new-credential-serial').fill(serial);
    await form.getByTestId('new-credential-note').fill('made by the e2e suite');
    await form.getByTestId('create-credential').click();
    const secret = page.getByTestId('one-time-password');
    await expect(secret).toContainText('shown only once');
    const first = (await secret.getByTestId('one-time-password-value').innerText()).trim();
    expect(first.length).toBeGreaterThanOrEqual(10);
    await secret.getByTestId('copy-password').click();
    await expect(secret).toContainText(/Copied|Copy failed/);
    await secret.getByTestId('one-time-password-done').click();
    await expect(secret).toHaveCount(0);

    const row = page.getByTestId('credential-row').filter({ hasText: serial });
    await expect(row).toHaveAttribute('data-disabled', 'false');
    await expect(row).toContainText(ADMIN_EMAIL);

    await row.getByTestId('credential-reset').click();
    await page.getByTestId('confirm-button').click();
    await expect(page.getByTestId('one-time-password-value')).not.toHaveText(first);
    await page.getByTestId('one-time-password-done').click();

    await row.getByTestId('credential-toggle-disabled').click();
    await page.getByTestId('confirm-button').click();
    await expect(row).toHaveAttribute('data-disabled', 'true');
    await row.getByTestId('credential-toggle-disabled').click();
    await expect(row).toHaveAttribute('data-disabled', 'false');

    await row.getByTestId('credential-delete').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('cannot be undone');
    await page.getByTestId('confirm-button').click();
    await expect(row).toHaveCount(0);
  });
});

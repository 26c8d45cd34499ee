// The command ledger as an operator shares and exports it: the filters live in the page URL (a reload keeps them,
// Back undoes the last choice), and "Export CSV" downloads every command matching the filters, not only the
// loaded page, with the same rows as the table. Commands are state requests to SIM-0019 (harmless: the robot
// only answers with a state message), issued over tRPC as the operator.
import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { robotIdBySerial } from './robot-id';
import { asRole, trpcMutation, trpcQuery, USERS } from './auth';

test.use(asRole('operator'));

const SERIAL = 'SIM-0019';
/** More than one page of the table (50 rows), so the export has to read past what the table loaded. */
const COMMANDS = 55;

interface CommandPage {
  items: { id: string; status: string }[];
  nextCursor: string | null;
}

const robotIdOf = (request: APIRequestContext) => robotIdBySerial(request, SERIAL);

/** RFC 4180 records (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function tableRows(page: Page): Promise<{ id: string; status: string }[]> {
  return page
    .getByTestId('command-row')
    .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-command-id') ?? '', status: e.getAttribute('data-status') ?? '' })));
}

test.describe('command ledger: shareable filters and CSV export', () => {
  test.describe.configure({ timeout: 180_000 });

  test('the filters are in the URL: a reload keeps them and Back undoes the last choice', async ({ page, request }) => {
    const id = await robotIdOf(request);
    await trpcMutation(request, 'commands.issue', { robotId: id, type: 'stateRequest' });
    await page.goto('/commands');
    await expect(page.getByTestId('command-ledger').or(page.getByTestId('ledger-empty'))).toBeVisible({ timeout: 30_000 });

    await page.getByTestId('filter-robot').selectOption(String(id));
    await expect(page).toHaveURL(new RegExp(`[?&]robot=${id}(&|$)`));
    await page.getByTestId('filter-status').selectOption('final');
    await page.getByTestId('filter-type').selectOption('stateRequest');
    await page.getByTestId('filter-issuer').fill(USERS.operator.email);
    await expect(page).toHaveURL(new RegExp(`issuer=${encodeURIComponent(USERS.operator.email)}`));
    expect(new URL(page.url()).searchParams.get('type')).toBe('stateRequest');
    expect(new URL(page.url()).searchParams.get('status')).toBe('final');

    await page.reload();
    await expect(page.getByTestId('filter-robot')).toHaveValue(String(id), { timeout: 30_000 });
    await expect(page.getByTestId('filter-status')).toHaveValue('final');
    await expect(page.getByTestId('filter-type')).toHaveValue('stateRequest');
    await expect(page.getByTestId('filter-issuer')).toHaveValue(USERS.operator.email);
    // The table holds only what the URL asks for.
    const rows = page.getByTestId('command-row');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    for (const r of await rows.all()) {
      await expect(r).toHaveAttribute('data-robot-id', String(id));
      await expect(r).toHaveAttribute('data-type', 'stateRequest');
    }
    // Issued shows a date, not only a time.
    await expect(rows.first().getByTestId('command-issued')).toHaveText(/^\d{1,2} [A-Z][a-z]{2}( \d{4})? \d{2}:\d{2}:\d{2}$/);

    // Typing replaced the type choice's entry: Back returns to robot and status only.
    await page.goBack();
    await expect(page.getByTestId('filter-type')).toHaveValue('');
    await expect(page.getByTestId('filter-status')).toHaveValue('final');
    await expect(page.getByTestId('filter-issuer')).toHaveValue('');
  });

  test('Export CSV downloads every matching command, with the rows of the table', async ({ page, request }) => {
    const id = await robotIdOf(request);
    for (let i = 0; i < COMMANDS; i++) await trpcMutation(request, 'commands.issue', { robotId: id, type: 'stateRequest' });
    // Until every state request has its final status, so table and file cannot differ by a status changing.
    const openInput = { robotId: id, type: ['stateRequest'], status: ['requested', 'queued', 'dispatched', 'acknowledged', 'running'] };
    await expect
      .poll(async () => (await trpcQuery<CommandPage>(request, 'commands.list', openInput)).items.length, { timeout: 90_000 })
      .toBe(0);

    await page.goto(`/commands?robot=${id}&type=stateRequest&status=final`);
    const rows = page.getByTestId('command-row');
    await expect(rows).toHaveCount(50, { timeout: 30_000 });
    const firstPage = await tableRows(page);

    // The export, with only the first page loaded: it reads every page.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^commands-.*\.csv$/);
    const [head, ...records] = parseCsv(await readFile((await download.path())!, 'utf8'));
    await expect(page.getByTestId('ledger-export-status')).toHaveText(/commands? exported/);
    expect(head).toContain('done_after_issued_ms');
    const col = (name: string) => head!.indexOf(name);
    const fromFile = records.map((r) => ({ id: r[col('command_id')]!, status: r[col('status')]! }));
    expect(fromFile.length).toBeGreaterThanOrEqual(COMMANDS);
    expect(fromFile.slice(0, 50)).toEqual(firstPage);
    for (const r of records) {
      expect(r[col('robot_id')]).toBe(String(id));
      expect(r[col('command')]).toBe('State request');
    }

    // Every row of the table, once all pages are loaded, is the file.
    const more = page.getByTestId('ledger-load-more');
    while (await more.isVisible()) {
      const before = await rows.count();
      await more.click();
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
    }
    expect(await tableRows(page)).toEqual(fromFile);
  });
});

// The conformance report on the robot page, as QA uses it: a simulated VDA 5050 3.0 robot (SIM-0024; a quarter of
// the fleet speaks 3.0) passes the header rule, a misbehaviour injected into it (it keeps the node it passed in its
// state) fails the traversal rule with evidence, and the report downloads as JSON. Its faults are cleared after.
import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { asRole, originHeaders } from './auth';

test.use(asRole('architect'));
test.describe.configure({ timeout: 180_000 });

test('a robot page shows its conformance rule by rule; an injected misbehaviour fails its rule; JSON download', async ({
  page,
  request,
}) => {
  let id: number | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/trpc/fleet.list');
        if (!res.ok()) return undefined;
        const body = (await res.json()) as { result: { data: { json: { id: number; serialNumber: string }[] } } };
        id = body.result.data.json.find((r) => r.serialNumber === 'SIM-0024')?.id;
        return id;
      },
      { timeout: 60_000 },
    )
    .toBeDefined();
  const fault = (path: string, json: object) =>
    request.post(`/api/trpc/${path}`, { data: { json: { robotId: id, ...json } }, headers: originHeaders });
  try {
    await page.goto(`/robots/${id}`);
    await page.getByTestId('inspector-tab').click();
    const panel = page.getByTestId('conformance-panel');
    await expect(panel.locator('li[data-verdict]')).toHaveCount(9, { timeout: 30_000 });
    await expect(panel.getByTestId('conformance-header-ids')).toHaveAttribute('data-verdict', 'PASS', { timeout: 30_000 });

    const res = await fault('sim.injectFault', { fault: { kind: 'keepTraversed' } });
    expect(res.ok(), await res.text()).toBe(true);
    const rule = panel.getByTestId('conformance-traversed-removed');
    await expect(rule).toHaveAttribute('data-verdict', 'FAIL', { timeout: 90_000 });
    await expect(rule).toContainText('is still reported after lastNodeSequenceId');
    await expect(rule.locator('.evidence')).toContainText('state #');
    await expect(panel.getByTestId('conformance-summary')).toContainText('failed');

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('conformance-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^conformance-SimRobotics_SIM-0024-.*\.json$/);
    const report = JSON.parse(await fs.readFile((await download.path())!, 'utf8')) as {
      protocolVersion: string;
      rules: { id: string; verdict: string; evidence: unknown[] }[];
    };
    expect(report.protocolVersion).toBe('3.0.0');
    expect(report.rules).toHaveLength(9);
    expect(report.rules.find((r) => r.id === 'traversed-removed')).toMatchObject({ verdict: 'FAIL' });
  } finally {
    const res = await fault('sim.clearFault', {});
    expect(res.ok(), await res.text()).toBe(true);
  }
});

// Zones (VDA 5050 3.0 zone traffic control): the zones page lists the site's RELEASE zone per dock; a 3.0 robot
// (SIM-0004, which no other spec touches) sent to a free dock asks for its zone, and its robot page lists the
// GRANTED request while the zones page names it as the holder, with Revoke for the operator. A 2.0 robot's Zones
// tab explains why it has no requests, and a viewer gets no Revoke column.
import { expect, test } from '@playwright/test';
import { asRole, trpcMutation, trpcQuery } from './auth';
import { robotIdBySerial } from './robot-id';

const SERIAL_V3 = 'SIM-0004';
/** A 2.0 robot (a quarter of the simulated fleet speaks 3.0: every fourth serial). */
const SERIAL_V2 = 'SIM-0002';

interface MapNode {
  id: string;
  x: number;
  y: number;
  place?: { kind: string; name: string };
}

interface RobotView {
  id: number;
  pose: { x: number; y: number } | null;
  lastNodeId: string | null;
  protocolVersion: string | null;
}

interface ZonesOverview {
  zones: { zoneId: string; zoneType: string; status: { holder: { robotId: number } | null; queue: unknown[] } }[];
}

const dockZoneId = (nodeId: string) => `release-${nodeId}`;

async function dockNodes(request: Parameters<typeof trpcQuery>[0]): Promise<MapNode[]> {
  const map = await trpcQuery<{ nodes: MapNode[] }>(request, 'map.get');
  return map.nodes.filter((n) => n.place?.kind === 'dock');
}

test.describe('zones as an operator', () => {
  test.use(asRole('operator'));
  // The robot drives across the hall to the dock (and may wait for another robot to leave it first).
  test.describe.configure({ timeout: 300_000 });

  test('one row per dock zone; a 3.0 robot sent to a dock is GRANTED its zone and shown as the holder', async ({ page, request }) => {
    const docks = await dockNodes(request);
    expect(docks.length, 'the site has dock nodes').toBeGreaterThan(0);

    // Reached from the main navigation like the other pages.
    await page.goto('/commands');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Zones' }).click();
    await expect(page).toHaveURL(/\/zones$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Zones' })).toBeVisible();
    await expect(page.locator('[data-testid^="zone-row-"]')).toHaveCount(docks.length, { timeout: 30_000 });
    for (const d of docks) await expect(page.getByTestId(`zone-row-${dockZoneId(d.id)}`)).toContainText('Release');
    await expect(page.getByTestId('zones-table').getByRole('columnheader', { name: 'Actions' })).toHaveCount(1);

    // The nearest dock whose zone nobody holds or waits for, other than the one the robot stands at.
    const robotId = await robotIdBySerial(request, SERIAL_V3);
    const robot = await trpcQuery<RobotView>(request, 'fleet.byId', { id: robotId });
    expect(robot.protocolVersion ?? '').toMatch(/^3\./);
    const overview = await trpcQuery<ZonesOverview>(request, 'zones.overview');
    const free = (d: MapNode) => {
      const z = overview.zones.find((z) => z.zoneId === dockZoneId(d.id));
      return z !== undefined && z.status.holder === null && z.status.queue.length === 0 && d.id !== robot.lastNodeId;
    };
    const from = robot.pose ?? { x: 0, y: 0 };
    const distance = (d: MapNode) => Math.hypot(d.x - from.x, d.y - from.y);
    const dock = [...docks].filter(free).sort((a, b) => distance(a) - distance(b))[0] ?? docks.find((d) => d.id !== robot.lastNodeId)!;
    const zoneId = dockZoneId(dock.id);

    await trpcMutation(request, 'commands.issue', { robotId, type: 'goTo', params: { nodeId: dock.id } });

    // The robot page's Zones tab: the request for the dock's zone, GRANTED (it may be QUEUED first).
    await page.goto(`/robots/${robotId}`);
    await page.getByTestId('zones-tab').click();
    await expect(page.getByTestId('robot-zone-requests')).toBeVisible();
    const grantedRow = page.locator(`[data-testid="zone-request-row"][data-resource="${zoneId}"][data-decision="GRANTED"]`).first();
    await expect(grantedRow).toBeVisible({ timeout: 240_000 });
    await expect(grantedRow.getByTestId('zone-decision')).toHaveText('GRANTED');
    await expect(grantedRow.getByTestId('zone-decision')).toHaveClass(/tone-ok/);

    // The zones page: the robot holds the zone (it stays inside at the dock), linked to its page, with Revoke.
    await page.goto('/zones');
    const row = page.getByTestId(`zone-row-${zoneId}`);
    await expect(row).toHaveAttribute('data-holder-id', String(robotId), { timeout: 60_000 });
    await expect(row.getByTestId('zone-holder').getByRole('link')).toHaveAttribute('href', `/robots/${robotId}`);
    await expect(row.getByTestId('zone-occupancy')).toHaveText(/held/);
    await expect(page.getByTestId(`zone-revoke-${zoneId}`)).toBeVisible();

    // The request log, narrowed to that zone, shows the grant too.
    await page.getByTestId('zone-request-filter').selectOption(zoneId);
    const logged = page.getByTestId('zone-request-log').locator(`[data-testid="zone-request-row"][data-resource="${zoneId}"]`);
    await expect(logged.first()).toBeVisible({ timeout: 15_000 });
    const others = page.getByTestId('zone-request-log').locator(`[data-testid="zone-request-row"]:not([data-resource="${zoneId}"])`);
    await expect(others).toHaveCount(0);
  });
});

test.describe('zones as a viewer', () => {
  test.use(asRole('viewer'));

  test('a 2.0 robot has no requests and says why; no Revoke column for a viewer', async ({ page, request }) => {
    const robotId = await robotIdBySerial(request, SERIAL_V2);
    await page.goto(`/robots/${robotId}`);
    await page.getByTestId('zones-tab').click();
    const empty = page.getByTestId('robot-zone-requests-empty');
    await expect(empty).toContainText('This robot has made no zone or edge requests', { timeout: 30_000 });
    await expect(empty).toContainText('VDA 5050 3.0');

    await page.goto('/zones');
    await expect(page.locator('[data-testid^="zone-row-"]').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('zones-table').getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
    await expect(page.locator('[data-testid^="zone-revoke-"]')).toHaveCount(0);
  });
});

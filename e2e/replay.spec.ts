// Replay (issue 19) as an operator meets it: pause a robot, go back to before the pause and see it driving in the
// 3D view and the list, jump to the pause by its tick on the timeline, share the moment's link with a second
// browser, and export a window that a fresh app imports and plays, the same robot moving there.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, asRole, loginThroughPage, trpcMutation, trpcQuery } from './auth';
import { startFreshApp } from './fresh-app';
import { openFleet } from './fixtures';

test.use(asRole('operator'));

type Pose = { x: number; y: number; theta: number; speed: number };

const rowOf = (page: Page, id: number) => page.getByTestId('robot-row').and(page.locator(`[data-robot-id="${id}"]`));
const listStatus = (page: Page, id: number) => rowOf(page, id).locator('[data-status]').getAttribute('data-status');
const sceneStatus = (page: Page, id: number) => page.evaluate((i) => window.__fleetDebug?.statusOf(i) ?? null, id);
const poseOf = (page: Page, id: number) => page.evaluate((i) => window.__fleetDebug?.poseOf(i) ?? null, id) as Promise<Pose | null>;
const bannerAt = async (page: Page) => Number(await page.getByTestId('replay-banner').getAttribute('data-at'));

async function moved(page: Page, id: number, ms: number): Promise<number> {
  const a = await poseOf(page, id);
  await page.waitForTimeout(ms);
  const b = await poseOf(page, id);
  return a && b ? Math.hypot(b.x - a.x, b.y - a.y) : 0;
}

/** A robot that drives on screen now (and kept driving for a few seconds), so history before its pause shows motion. */
async function drivingRobot(page: Page): Promise<number> {
  let id = 0;
  await expect
    .poll(
      async () => {
        const ids = await page.evaluate(() => {
          const d = window.__fleetDebug!;
          return [...document.querySelectorAll('[data-testid="robot-row"]')]
            .map((el) => Number(el.getAttribute('data-robot-id')))
            .filter((i) => d.statusOf(i) === 'driving' && Math.abs(d.poseOf(i)?.speed ?? 0) > 0.1);
        });
        for (const candidate of ids.slice(0, 6)) {
          if ((await moved(page, candidate, 3000)) > 0.3 && (await sceneStatus(page, candidate)) === 'driving') {
            id = candidate;
            return true;
          }
        }
        return false;
      },
      { timeout: 45_000, message: 'a robot that keeps driving' },
    )
    .toBe(true);
  return id;
}

/** Clicks the scrubber where `t` is (above the ticks), which enters replay there. */
async function scrubTo(page: Page, t: number): Promise<void> {
  const track = page.getByTestId('replay-scrubber');
  // With the pointer over it the track holds still, so the span read is the span clicked.
  const over = (await track.boundingBox())!;
  await page.mouse.move(over.x + over.width / 2, over.y + 4);
  await page.waitForTimeout(100);
  const from = Number(await track.getAttribute('data-from'));
  const to = Number(await track.getAttribute('data-to'));
  const box = (await track.boundingBox())!;
  expect(t, 'the moment is within the visible span').toBeGreaterThan(from);
  await page.mouse.click(box.x + ((t - from) / (to - from)) * box.width, box.y + 4);
}

test.describe
  .serial('replay', () => {
    test.describe.configure({ timeout: 240_000 });
    let robotId = 0;
    let serial = '';
    let pausedAt = 0;

    test('scrub back to before a pause, see the robot driving, jump to the pause by its tick, share the moment', async ({
      page,
      browser,
    }) => {
      await openFleet(page);
      robotId = await drivingRobot(page);
      await rowOf(page, robotId).click();
      const panel = page.getByTestId('robot-panel');
      serial = ((await panel.getByTestId('robot-serial').textContent()) ?? '').trim();
      pausedAt = Date.now();
      await panel.getByTestId('command-button-pause').click();
      await expect.poll(() => listStatus(page, robotId), { message: 'the robot pauses' }).toBe('paused');
      try {
        await page.waitForTimeout(4000);
        // History is written in slices (30 s of raw samples each): wait until the one holding the pause is readable.
        await expect
          .poll(
            async () => {
              const f = await trpcQuery<{ robots: { id: number; sampleAt: number | null }[] }>(page.request, 'history.fleetAt', {
                at: pausedAt + 3000,
              });
              return f.robots.find((r) => r.id === robotId)?.sampleAt ?? 0;
            },
            { timeout: 90_000, intervals: [2000], message: 'history holds samples of the robot after its pause' },
          )
          .toBeGreaterThan(pausedAt + 1000);

        // 15 minutes across the scrubber: about a second per pixel.
        await page.getByTestId('replay-zoom').selectOption({ label: '15 min' });
        const before = pausedAt - 3000;
        // History is written in slices: until the one holding that moment is readable, go there again.
        await expect
          .poll(
            async () => {
              await scrubTo(page, before);
              await expect(page.getByTestId('replay-banner')).toBeVisible();
              await page.waitForTimeout(1500);
              return sceneStatus(page, robotId);
            },
            { timeout: 90_000, intervals: [2000], message: 'the robot drives in the 3D view before its pause' },
          )
          .toBe('driving');
        expect(Math.abs((await bannerAt(page)) - before)).toBeLessThan(1500);
        await expect(page.getByTestId('replay-banner')).toContainText('REPLAY · ');
        await expect.poll(() => listStatus(page, robotId)).toBe('driving');
        // Replay shows the past while the live robot stays paused: commands are off.
        await expect(page.getByTestId('replay-commands-disabled')).toBeVisible();
        await expect(panel.getByTestId('command-button-pause')).toHaveCount(0);

        // Playing at 1× from a few seconds before the pause, the robot moves in the scene.
        await page.getByTestId('replay-play').click();
        await expect.poll(() => moved(page, robotId, 1000), { timeout: 20_000, message: 'the replayed robot moves' }).toBeGreaterThan(0.1);
        await page.getByTestId('replay-play').click();

        // The pause has a tick (the command and the robot's paused state): jump to it.
        const tick = page.getByTestId('replay-tick').and(page.locator(`[data-robot-ids~="${robotId}"]`));
        let tickAt = 0;
        await expect
          .poll(
            async () => {
              for (const t of await tick.all()) {
                const at = Number(await t.getAttribute('data-at'));
                const kinds = (await t.getAttribute('data-kinds')) ?? '';
                if (Math.abs(at - pausedAt) < 10_000 && /paused|command_issued/.test(kinds)) {
                  tickAt = at;
                  await t.click();
                  return true;
                }
              }
              return false;
            },
            { timeout: 45_000, intervals: [2000], message: "the pause's tick on the timeline" },
          )
          .toBe(true);
        await expect.poll(() => bannerAt(page)).toBe(tickAt);
        // A tick jumps to its first event: the pause command, or an earlier event of another robot clustered with
        // it (8 px ≈ 8 s at this span). Step forward (→, 5 s) until the robot stands paused: within three steps.
        let shown = tickAt;
        for (let i = 0; i < 3 && (await sceneStatus(page, robotId)) !== 'paused'; i++) {
          await page.keyboard.press('ArrowRight');
          shown += 5000;
          await expect.poll(() => bannerAt(page)).toBe(shown);
          await page.waitForTimeout(500);
        }
        test.info().annotations.push({
          type: 'pause',
          description: `paused at ${pausedAt}, tick ${tickAt - pausedAt} ms, shown ${shown - pausedAt} ms`,
        });
        await expect.poll(() => sceneStatus(page, robotId), { message: 'paused in the 3D view at the pause' }).toBe('paused');
        await expect.poll(() => listStatus(page, robotId)).toBe('paused');
        expect(shown).toBeGreaterThanOrEqual(pausedAt);
        const pose = await poseOf(page, robotId);
        expect(pose).not.toBeNull();

        // The link carries the moment: a second browser opens at the same moment and sees the same robot there.
        expect(new URL(page.url()).searchParams.get('at')).toBe(new Date(shown).toISOString());
        const other = await browser.newContext(asRole('viewer'));
        try {
          const viewer = await other.newPage();
          await viewer.goto(page.url());
          await expect(viewer.getByTestId('replay-banner')).toBeVisible({ timeout: 30_000 });
          expect(await bannerAt(viewer)).toBe(shown);
          await expect.poll(() => listStatus(viewer, robotId), { timeout: 30_000 }).toBe('paused');
          await expect.poll(() => sceneStatus(viewer, robotId)).toBe('paused');
          const seen = await poseOf(viewer, robotId);
          expect(Math.hypot(seen!.x - pose!.x, seen!.y - pose!.y)).toBeLessThan(0.01);
        } finally {
          await other.close();
        }

        // L goes live: the live robot is still paused, the banner gone, the URL without a moment.
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('l');
        await expect(page.getByTestId('replay-banner')).toBeHidden();
        await expect(page.getByTestId('replay-bar')).toHaveAttribute('data-mode', 'live');
        expect(new URL(page.url()).searchParams.get('at')).toBeNull();
        await expect.poll(() => listStatus(page, robotId)).toBe('paused');
        await expect(panel.getByTestId('command-button-pause')).toBeVisible();
      } finally {
        await trpcMutation(page.request, 'commands.issue', { robotId, type: 'resume' });
      }
    });

    test('a window exported from this app and imported into a fresh one moves the same robot there', async ({ page, playwright }) => {
      test.skip(!robotId, 'needs the paused robot of the test before');
      const from = pausedAt - 20_000;
      const res = await page.request.get(`/api/history/export?from=${from}&to=${pausedAt}&robots=${robotId}`);
      expect(res.status(), await res.text().catch(() => '')).toBe(200);
      const body = await res.text();
      const lines = body.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(20);
      const first = JSON.parse(lines[0]!) as { topic: string; receivedAt: number; payload: Record<string, unknown> };
      expect(first.topic).toContain(serial);
      expect(first.receivedAt).toBeGreaterThanOrEqual(from);

      const fresh = await startFreshApp();
      try {
        const admin = await playwright.request.newContext({ baseURL: fresh.baseURL });
        const login = await admin.post('/api/auth/login', {
          data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
          headers: { Origin: fresh.baseURL },
        });
        expect(login.status(), await login.text()).toBe(200);
        // At 1×, the 20 s window plays for 20 s: time to watch it in the fresh app's 3D view.
        const imported = admin.post('/api/history/import?speed=1', {
          data: body,
          headers: { Origin: fresh.baseURL, 'Content-Type': 'application/x-ndjson' },
          timeout: 120_000,
        });
        const context = await page.context().browser()!.newContext({ baseURL: fresh.baseURL });
        try {
          const viewer = await context.newPage();
          await loginThroughPage(viewer, ADMIN_EMAIL, ADMIN_PASSWORD);
          await expect(viewer.getByTestId('robot-row').filter({ hasText: serial })).toBeVisible({ timeout: 30_000 });
          const id = Number(await viewer.getByTestId('robot-row').filter({ hasText: serial }).getAttribute('data-robot-id'));
          await expect.poll(() => moved(viewer, id, 1000), { timeout: 20_000, message: 'the imported robot moves' }).toBeGreaterThan(0.1);
        } finally {
          await context.close();
        }
        const report = (await (await imported).json()) as { lines: number; published: number; refused: number };
        expect(report.lines).toBe(lines.length);
        expect(report.refused).toBe(0);
        expect(report.published).toBe(lines.length);
        await admin.dispose();
      } finally {
        await fresh.stop();
      }
    });
  });

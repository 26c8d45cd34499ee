// Helpers that read the app's test hooks (window.__fleetDebug, data-testids) from a page.
import { expect, type Page } from '@playwright/test';

export const SIM_ROBOTS = 24;

export interface DebugFigures {
  framesReceived: number;
  sceneRenders: number;
  robotsInScene: number;
  drawCalls: number;
  robotUpdateMs: number;
}

export async function debugFigures(page: Page): Promise<DebugFigures> {
  return page.evaluate(() => {
    const d = window.__fleetDebug;
    if (!d) throw new Error('window.__fleetDebug is missing');
    return {
      framesReceived: d.framesReceived,
      sceneRenders: d.sceneRenders,
      robotsInScene: d.robotsInScene,
      drawCalls: d.drawCalls,
      robotUpdateMs: d.robotUpdateMs,
    };
  });
}

export async function posesOf(page: Page): Promise<Record<number, { x: number; y: number; theta: number }>> {
  return page.evaluate(() => {
    const out: Record<number, { x: number; y: number; theta: number }> = {};
    const d = window.__fleetDebug;
    if (!d) return out;
    for (const el of document.querySelectorAll('[data-testid="robot-row"]')) {
      const id = Number(el.getAttribute('data-robot-id'));
      const p = d.poseOf(id);
      if (p) out[id] = p;
    }
    return out;
  });
}

/** Opens the fleet page and waits until the live feed delivered robots and the scene draws them. */
export async function openFleet(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('robot-count')).toHaveText(String(SIM_ROBOTS), { timeout: 60_000 });
  await expect.poll(async () => (await debugFigures(page)).robotsInScene, { timeout: 30_000 }).toBeGreaterThan(0);
}

/** Collects the page's Content Security Policy violations (Chromium reports each as a console error). */
export function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  return seen;
}

// The checks every scenario against the app makes the same way: still running, no unhandled rejection or uncaught
// exception, memory and /api/health bounded (polled while the attack runs).
import type { ProbedApp } from './probed-app';
import type { ScenarioKit } from './scenario-kit';

/** Bounds of the common checks; each scenario prints them in its `tried` line when it changes one. */
export const BOUNDS = {
  /** RSS growth over the scenario; the app starts near 300–600 MB. */
  rssGrowthMb: 300,
  /** /api/health answer size: about 2 KB with a small fleet. */
  healthBytes: 64 * 1024,
  healthMs: 2000,
};

/** The checks every scenario makes on the app; `rssStartMb` from app.markStart() before the attack. */
export function appChecks(k: ScenarioKit, app: ProbedApp, rssStartMb: number): void {
  const p = app.probe();
  const crashed = app.child.exited();
  Object.assign(k.figures, {
    appCrashed: crashed ? 'yes' : 'no',
    unhandledRejections: app.unhandled(),
    uncaughtExceptions: app.uncaught(),
    rssStartMb,
    rssMaxMb: p.rssMaxMb,
    eldP99MaxMs: p.eldP99MaxMs,
    eldMaxMs: p.eldMaxMs,
  });
  k.check(!crashed, `the app exited: ${app.child.tail().slice(-5).join(' | ').slice(0, 800)}`);
  k.check(
    app.unhandled() === 0,
    `${app.unhandled()} unhandled rejection(s) in the app; first: ${p.firstRejection.split('\n').slice(0, 3).join(' ')}`,
  );
  k.check(
    app.uncaught() === 0,
    `${app.uncaught()} uncaught exception(s) in the app; first: ${p.firstException.split('\n').slice(0, 4).join(' ')}`,
  );
  k.check(p.rssMaxMb - rssStartMb <= BOUNDS.rssGrowthMb, `RSS grew ${rssStartMb} → ${p.rssMaxMb} MB (bound: +${BOUNDS.rssGrowthMb} MB)`);
}

/** Polls /api/health while an attack runs: the largest answer, the slowest, and how many got no answer in time. */
export function watchHealth(url: string, everyMs = 1000) {
  const s = { calls: 0, unanswered: 0, maxBytes: 0, maxMs: 0, lastStatus: '' };
  let busy = false;
  const poll = async () => {
    if (busy) return;
    busy = true;
    const t0 = performance.now();
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      const body = await res.arrayBuffer();
      s.maxBytes = Math.max(s.maxBytes, body.byteLength);
      s.lastStatus = String((JSON.parse(Buffer.from(body).toString()) as { status?: string }).status);
    } catch {
      s.unanswered++;
    }
    s.calls++;
    s.maxMs = Math.max(s.maxMs, Math.round(performance.now() - t0));
    busy = false;
  };
  const timer = setInterval(() => void poll(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await poll();
      return s;
    },
    /** Adds the figures and the bounded-health checks to a scenario's result. */
    report(k: ScenarioKit) {
      Object.assign(k.figures, { healthCalls: s.calls, healthUnanswered: s.unanswered, healthMaxBytes: s.maxBytes, healthMaxMs: s.maxMs });
      k.check(s.unanswered === 0, `/api/health got no answer ${s.unanswered} time(s) of ${s.calls}`);
      k.check(s.maxBytes <= BOUNDS.healthBytes, `/api/health answered ${s.maxBytes} bytes (bound: ${BOUNDS.healthBytes})`);
      k.check(s.maxMs <= BOUNDS.healthMs, `/api/health took ${s.maxMs} ms (bound: ${BOUNDS.healthMs} ms)`);
    },
  };
}

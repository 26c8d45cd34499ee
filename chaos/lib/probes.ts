// Requests sent on a steady cadence during a fault, whatever happens to the earlier ones (a hung request does not
// stop the next), each with its own deadline: how long the app took to answer, and with what, over a time window.
import { getHealth, type HealthAnswer } from './app-process';

export interface ProbeSample {
  at: number;
  /** 0 = no answer within the deadline (or refused). */
  http: number;
  ms: number;
}

export function startProbe(everyMs: number, send: () => Promise<{ http: number; ms: number }>, maxInFlight = 20) {
  const samples: ProbeSample[] = [];
  const pending = new Set<Promise<void>>();
  let skipped = 0;
  const timer = setInterval(() => {
    if (pending.size >= maxInFlight) return void skipped++;
    const at = Date.now();
    const p = send().then(
      (r) => void samples.push({ at, http: r.http, ms: r.ms }),
      () => void samples.push({ at, http: 0, ms: Date.now() - at }),
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }, everyMs);
  return {
    samples,
    skipped: () => skipped,
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return samples;
    },
  };
}

/** Slowest answer, answers by HTTP status and unanswered requests among requests in flight during [from, to]. */
export function summarize(samples: ProbeSample[], from = 0, to = Infinity) {
  const inside = samples.filter((s) => s.at <= to && s.at + s.ms >= from);
  const byHttp: Record<string, number> = {};
  for (const s of inside) byHttp[s.http] = (byHttp[s.http] ?? 0) + 1;
  return { sent: inside.length, slowestMs: Math.max(0, ...inside.map((s) => s.ms)), noAnswer: byHttp[0] ?? 0, byHttp };
}

export function fetchProbe(url: string, init: RequestInit, timeoutMs: number) {
  return async () => {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return { http: res.status, ms: Math.round(performance.now() - t0) };
    } catch {
      return { http: 0, ms: Math.round(performance.now() - t0) };
    }
  };
}

export interface HealthPoint extends HealthAnswer {
  at: number;
}

/** /api/health every `everyMs`: the timeline of each component's status. */
export function watchHealth(url: string, everyMs = 250, timeoutMs = 5000) {
  const points: HealthPoint[] = [];
  // Several in flight, so one answer that hangs does not blind the watch for as long as it hangs.
  let inFlight = 0;
  const timer = setInterval(() => {
    if (inFlight >= 8) return;
    inFlight++;
    const at = Date.now();
    void getHealth(url, timeoutMs)
      .then((h) => void points.push({ ...h, at }))
      .finally(() => inFlight--);
  }, everyMs);
  /** Answers whose request overlapped [from, to] (sent before `to`, answered after `from`). */
  const overlapping = (from: number, to: number) => points.filter((p) => p.at <= to && p.at + p.ms >= from);
  const statusOf = (p: HealthPoint, component?: string) => (component ? (p.components[component]?.status ?? p.status) : p.status);
  return {
    points,
    stop: () => clearInterval(timer),
    /** When an answer after `from` first said the component (or the whole app) was not ok, and the first ok after that. */
    transition(from: number, component?: string) {
      const bad = points.find((p) => p.at + p.ms >= from && statusOf(p, component) !== 'ok' && p.status !== 'no-answer');
      const okAgain = bad ? points.find((p) => p.at > bad.at && statusOf(p, component) === 'ok') : undefined;
      return { badAt: bad ? bad.at + bad.ms : null, badStatus: bad ? statusOf(bad, component) : null, okAt: okAgain?.at ?? null };
    },
    /** Ms until `component` is ok again, polling; null past `timeoutMs`. */
    async waitOk(component: string, timeoutMs: number): Promise<number | null> {
      const t0 = Date.now();
      while (Date.now() - t0 < timeoutMs) {
        const last = points[points.length - 1];
        if (last && last.at > t0 && statusOf(last, component) === 'ok') return Date.now() - t0;
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    },
    /** Answers in [from, to] by "overall/component" status, e.g. {"down/down": 12, "no-answer/-": 1}. */
    statuses(from: number, to: number, component: string) {
      const out: Record<string, number> = {};
      for (const p of overlapping(from, to)) {
        const key = `${p.status}/${p.components[component]?.status ?? '-'}`;
        out[key] = (out[key] ?? 0) + 1;
      }
      return out;
    },
    slowestMs: (from = 0, to = Infinity) => Math.max(0, ...overlapping(from, to).map((p) => p.ms)),
  };
}

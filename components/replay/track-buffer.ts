// The replayed samples the browser holds: range pages in time order, read back as one robot's pose at any moment
// (interpolated between neighbouring samples), and the plan of which page to fetch next ahead of the play head.
// Pure and bounded: pages behind the play head are dropped, and the whole buffer holds at most MAX_SAMPLES.
import { ROBOT_STATUS_CODES, type RangePage, type RangeTrack } from '@/server/domain/history/history-api';
import type { RobotStatus } from '@/server/domain/robot';

/** About 40 MB of columns at most (6 numbers per sample). */
export const MAX_SAMPLES = 800_000;
/** Neighbouring samples further apart than this are not interpolated (the robot was silent): the pose holds. */
const MAX_GAP_MS = 2_500;

interface StoredPage {
  from: number;
  to: number;
  tracks: Map<number, RangeTrack>;
  samples: number;
}

export interface SampledPose {
  x: number;
  y: number;
  theta: number;
  speed: number;
  status: RobotStatus;
  /** Time of the sample the pose comes from (the earlier neighbour). */
  t: number;
}

export class TrackBuffer {
  private pages: StoredPage[] = [];
  private total = 0;

  get sampleCount(): number {
    return this.total;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  clear(): void {
    this.pages = [];
    this.total = 0;
  }

  add(page: RangePage): void {
    const tracks = new Map<number, RangeTrack>();
    let samples = 0;
    for (const tr of page.tracks) {
      tracks.set(tr.robotId, tr);
      samples += tr.t.length;
    }
    const stored: StoredPage = { from: page.from, to: page.to, tracks, samples };
    // Pages arrive in time order within a window; keep the list sorted across windows too.
    let i = this.pages.length;
    while (i > 0 && this.pages[i - 1]!.from > page.from) i--;
    this.pages.splice(i, 0, stored);
    this.total += samples;
  }

  /** Where continuous coverage starting at `t` ends, or null when no page holds `t`. */
  coveredEnd(t: number): number | null {
    let end: number | null = null;
    for (const p of this.pages) {
      if (end === null) {
        if (p.from <= t && t < p.to) end = p.to;
      } else if (p.from <= end) end = Math.max(end, p.to);
      else break;
    }
    return end;
  }

  /** Drops pages that ended before `keepFrom`, then the oldest pages while over MAX_SAMPLES. */
  prune(keepFrom: number): void {
    while (this.pages.length > 0 && (this.pages[0]!.to < keepFrom || this.total > MAX_SAMPLES)) {
      this.total -= this.pages[0]!.samples;
      this.pages.shift();
    }
  }

  /** The robot's pose at `t` into `out`; false when the buffer has no sample of it at or before `t`. */
  sample(robotId: number, t: number, out: SampledPose): boolean {
    // The last page starting at or before t, then back until one holds a sample of the robot ≤ t.
    let pi = this.pages.length - 1;
    while (pi >= 0 && this.pages[pi]!.from > t) pi--;
    for (; pi >= 0; pi--) {
      const tr = this.pages[pi]!.tracks.get(robotId);
      if (!tr || tr.t.length === 0) continue;
      const i = lastAtOrBefore(tr.t, t);
      if (i < 0) continue;
      const next = this.following(pi, tr, i);
      write(out, tr, i);
      if (next && next.tr.t[next.i]! - tr.t[i]! <= MAX_GAP_MS) {
        const t0 = tr.t[i]!;
        const a = (t - t0) / (next.tr.t[next.i]! - t0);
        out.x += (next.tr.x[next.i]! - out.x) * a;
        out.y += (next.tr.y[next.i]! - out.y) * a;
        out.theta += shortTurn(next.tr.theta[next.i]! - out.theta) * a;
        out.speed += (next.tr.speed[next.i]! - out.speed) * a;
      }
      return true;
    }
    return false;
  }

  /** The sample after index i of a track: in the same page, or the first of the robot's track in a later page. */
  private following(pi: number, tr: RangeTrack, i: number): { tr: RangeTrack; i: number } | null {
    if (i + 1 < tr.t.length) return { tr, i: i + 1 };
    for (let p = pi + 1; p < this.pages.length; p++) {
      const n = this.pages[p]!.tracks.get(tr.robotId);
      if (n && n.t.length > 0 && n.t[0]! > tr.t[i]!) return { tr: n, i: 0 };
    }
    return null;
  }
}

function write(out: SampledPose, tr: RangeTrack, i: number): void {
  out.x = tr.x[i]!;
  out.y = tr.y[i]!;
  out.theta = tr.theta[i]!;
  out.speed = tr.speed[i]!;
  out.status = ROBOT_STATUS_CODES[tr.status[i]!] ?? 'idle';
  out.t = tr.t[i]!;
}

function lastAtOrBefore(ts: number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function shortTurn(d: number): number {
  return ((((d + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - Math.PI;
}

/** How far ahead of the play head samples are fetched: ten seconds of wall time at the playing speed, 20 s at least. */
export function leadMs(speed: number): number {
  return Math.max(20_000, 10_000 * speed);
}

/** Sample spacing asked of the server: every sample up to 4×, thinner when a second of wall time covers a minute. */
export function stepMsFor(speed: number): number {
  return speed >= 64 ? 1000 : speed >= 16 ? 250 : 0;
}

export interface FetchPlan {
  from: number;
  to: number;
  stepMs: number;
}

/**
 * The next window to fetch, or null when the buffer already reaches far enough ahead. Starts a little before the
 * play head when nothing covers it, so the first frame has a sample to start from.
 */
export function prefetchPlan(at: number, speed: number, coveredEnd: number | null, limit: number): FetchPlan | null {
  const lead = leadMs(speed);
  if (coveredEnd !== null && (coveredEnd - at >= lead / 2 || coveredEnd >= limit)) return null;
  const from = coveredEnd ?? at - 3_000;
  const to = Math.min(limit, Math.max(from + 30_000, at + lead));
  return to > from ? { from, to, stepMs: stepMsFor(speed) } : null;
}

// Plays history into the fleet view. A jump asks history.fleetAt for every robot at the moment, then range pages
// are fetched ahead of the play head; every animation frame writes the interpolated poses into the transient pose
// store (the scene animates without React), and a few times a second the robots' views go to the fleet store (the
// list and the panel). Read-only: it only ever queries history.
import type { RobotAtView } from '@/server/domain/history/history-api';
import type { RobotView } from '@/server/domain/robot';
import { pruneSelection, useFleetStore } from '@/components/realtime/fleet-store';
import { clearPoses, placeReplayedPose, serverNow, upsertRobot } from '@/components/realtime/pose-store';
import { replayedView, sameView } from './replay-views';
import type { ReplaySource } from './replay-source';
import { useReplayStore } from './replay-store';
import { advance, type ReplaySpeed } from './replay-time';
import { writeAtToUrl } from './replay-url';
import { prefetchPlan, TrackBuffer, type FetchPlan, type SampledPose } from './track-buffer';

const PUBLISH_MS = 250;
const URL_MS = 2_000;
/** While playing, fleetAt is asked again this often (wall time) for what tracks do not carry: battery, errors, order. */
const REFRESH_BASE_MS = 5_000;
const RETRY_MS = 3_000;
/** Pages per window at most: a server answering with endless cursors cannot keep the engine fetching. */
const MAX_PAGES_PER_WINDOW = 50;

interface Current extends SampledPose {
  has: boolean;
}

export class ReplayEngine {
  private readonly buffer = new TrackBuffer();
  private base = new Map<number, RobotAtView>();
  private current = new Map<number, Current>();
  private published: Record<number, RobotView> = {};
  private at = 0;
  private gen = 0;
  private abort: AbortController | null = null;
  private fetching = false;
  private fetchBlockedUntil = 0;
  private raf = 0;
  private lastFrame = 0;
  private lastPublish = 0;
  private lastUrl = 0;
  private lastBase = 0;
  private tier: 'raw' | 'second' | 'none' = 'raw';

  constructor(private readonly source: ReplaySource) {}

  /** Shows the fleet as it was at `at` (entering replay if live). */
  jump(at: number): void {
    const now = serverNow();
    this.at = Math.min(at, now);
    const gen = ++this.gen;
    this.abort?.abort();
    this.abort = new AbortController();
    this.fetching = false;
    this.fetchBlockedUntil = 0;
    if (this.buffer.coveredEnd(this.at) === null) this.buffer.clear();
    useFleetStore.setState({ replayAt: this.at });
    useReplayStore.setState({ mode: 'replay', at: this.at, load: { state: 'loading' } });
    writeAtToUrl(this.at);
    this.lastUrl = performance.now();
    void this.loadBase(gen, this.abort.signal, true);
    this.startLoop();
  }

  /**
   * Back to the live fleet: the live feed (kept connected meanwhile) takes the stores over again. `keepUrl` when
   * the page is going away (the address bar may already be the next page's).
   */
  goLive(keepUrl = false): void {
    this.gen++;
    this.abort?.abort();
    this.abort = null;
    this.stopLoop();
    this.buffer.clear();
    this.base.clear();
    this.current.clear();
    this.published = {};
    useReplayStore.setState({ mode: 'live', playing: false, load: { state: 'idle' }, at: serverNow() });
    if (!keepUrl) writeAtToUrl(null);
    useFleetStore.setState({ replayAt: null });
  }

  setPlaying(playing: boolean): void {
    if (useReplayStore.getState().mode !== 'replay') return;
    useReplayStore.setState({ playing });
    if (!playing) {
      this.publish(true);
      writeAtToUrl(this.at);
    }
  }

  setSpeed(speed: ReplaySpeed): void {
    useReplayStore.setState({ speed });
  }

  step(deltaMs: number): void {
    useReplayStore.setState({ playing: false });
    this.jump(this.at + deltaMs);
  }

  /** The play head now (more precise than the store's, which is published a few times a second). */
  moment(): number {
    return this.at;
  }

  dispose(): void {
    if (useReplayStore.getState().mode === 'replay') this.goLive(true);
    this.stopLoop();
  }

  private async loadBase(gen: number, signal: AbortSignal, isJump: boolean): Promise<void> {
    const at = this.at;
    try {
      const f = await this.source.fleetAt(at, signal);
      if (gen !== this.gen) return;
      this.setBase(f.robots, isJump);
      this.tier = f.tier;
      if (isJump) useReplayStore.setState({ load: { state: 'ready', tier: f.tier } });
    } catch (err) {
      if (gen !== this.gen || signal.aborted) return;
      if (isJump) useReplayStore.setState({ playing: false, load: { state: 'failed', message: messageOf(err) } });
    }
  }

  private setBase(robots: RobotAtView[], isJump: boolean): void {
    const known = this.base;
    this.base = new Map(robots.map((r) => [r.id, r]));
    const changedSet = isJump || robots.length !== known.size || robots.some((r) => !known.has(r.id));
    if (changedSet) {
      clearPoses();
      this.current.clear();
      this.published = {};
      for (const r of robots) upsertRobot(r);
    }
    this.applyFrame(true);
    this.publish(true, changedSet);
  }

  private startLoop(): void {
    if (this.raf || typeof requestAnimationFrame === 'undefined') return;
    this.lastFrame = performance.now();
    const tick = (ts: number) => {
      this.raf = requestAnimationFrame(tick);
      this.frame(ts);
    };
    this.raf = requestAnimationFrame(tick);
  }

  private stopLoop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private frame(ts: number): void {
    const wall = ts - this.lastFrame;
    this.lastFrame = ts;
    const st = useReplayStore.getState();
    if (st.mode !== 'replay') return;
    const now = serverNow();
    if (st.playing && st.load.state !== 'loading' && st.load.state !== 'failed') {
      const covered = this.buffer.coveredEnd(this.at);
      if (covered === null || covered <= this.at) {
        // Samples are on their way: wait for them. With nothing to wait for (history has a gap), time runs on.
        if (this.fetching) {
          if (st.load.state !== 'buffering') useReplayStore.setState({ load: { state: 'buffering' } });
        } else this.at = advance(this.at, wall, st.speed, now).at;
      } else {
        this.at = advance(this.at, wall, st.speed, Math.min(now, covered)).at;
        if (st.load.state === 'buffering') useReplayStore.setState({ load: { state: 'ready', tier: this.tier } });
      }
      if (this.at >= now - 500) return this.goLive(); // Caught up with the present.
      if (ts - this.lastBase > REFRESH_BASE_MS && this.abort) {
        this.lastBase = ts;
        void this.loadBase(this.gen, this.abort.signal, false);
      }
    }
    this.prefetch(now, st.speed);
    this.applyFrame(false);
    if (ts - this.lastPublish > PUBLISH_MS) this.publish(false);
    if (st.playing && ts - this.lastUrl > URL_MS) {
      this.lastUrl = ts;
      writeAtToUrl(this.at);
    }
  }

  private prefetch(now: number, speed: number): void {
    if (this.fetching || !this.abort || performance.now() < this.fetchBlockedUntil) return;
    const plan = prefetchPlan(this.at, speed, this.buffer.coveredEnd(this.at), now);
    if (!plan) return;
    this.buffer.prune(this.at - 30_000 * Math.max(1, speed));
    void this.fetchWindow(plan, this.gen, this.abort.signal);
  }

  private async fetchWindow(plan: FetchPlan, gen: number, signal: AbortSignal): Promise<void> {
    this.fetching = true;
    try {
      let cursor: string | undefined;
      for (let n = 0; n < MAX_PAGES_PER_WINDOW; n++) {
        const page = await this.source.range({ from: plan.from, to: plan.to, stepMs: plan.stepMs, cursor }, signal);
        if (gen !== this.gen) return;
        this.buffer.add(page);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      // A window the server answered with no page covering its start would be asked for forever: wait a little.
      if (this.buffer.coveredEnd(this.at) === null) this.fetchBlockedUntil = performance.now() + RETRY_MS;
    } catch (err) {
      if (gen !== this.gen || signal.aborted) return;
      this.fetchBlockedUntil = performance.now() + RETRY_MS;
      useReplayStore.setState({ playing: false, load: { state: 'failed', message: messageOf(err) } });
    } finally {
      if (gen === this.gen) this.fetching = false;
    }
  }

  /** Poses at the play head into the pose store: from the buffer, else as fleetAt reported them. */
  private applyFrame(force: boolean): void {
    for (const [id, b] of this.base) {
      let c = this.current.get(id);
      if (!c) {
        c = { x: 0, y: 0, theta: 0, speed: 0, status: b.status, t: 0, has: false };
        this.current.set(id, c);
      }
      if (this.buffer.sample(id, this.at, c)) c.has = true;
      else if (force || !c.has) {
        if (!b.pose) continue;
        c.x = b.pose.x;
        c.y = b.pose.y;
        c.theta = b.pose.theta;
        c.speed = b.speed;
        c.status = b.status;
        c.t = b.sampleAt ?? this.at;
        c.has = true;
      }
      placeReplayedPose(id, c, Math.max(0, this.at - c.t));
    }
  }

  /** The views at the play head into the fleet store (copy-on-write, as the live feed does). */
  private publish(force: boolean, idsChanged = false): void {
    this.lastPublish = performance.now();
    const robots: Record<number, RobotView> = {};
    let changed = force;
    for (const [id, b] of this.base) {
      const c = this.current.get(id);
      const v = replayedView(b, c?.has ? c : null);
      const prev = this.published[id];
      if (prev && sameView(prev, v)) robots[id] = prev;
      else {
        robots[id] = v;
        changed = true;
      }
    }
    useReplayStore.setState({ at: this.at });
    const fleet = useFleetStore.getState();
    if (!changed && !idsChanged) {
      // The list judges staleness at the replayed moment, to the second.
      if (fleet.replayAt === null || Math.abs(fleet.replayAt - this.at) >= 1000) useFleetStore.setState({ replayAt: this.at });
      return;
    }
    this.published = robots;
    const next: Partial<typeof fleet> = { robots, replayAt: this.at, loaded: true };
    if (idsChanged) {
      next.ids = [...this.base.keys()].sort((a, b) => a - b);
      const present = (id: number) => this.base.has(id);
      next.selectedIds = pruneSelection(fleet.selectedIds, present);
      next.selectedId = fleet.selectedId !== null && present(fleet.selectedId) ? fleet.selectedId : (next.selectedIds[0] ?? null);
    } else if (fleet.replayAt !== this.at) next.replayAt = this.at;
    useFleetStore.setState(next);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

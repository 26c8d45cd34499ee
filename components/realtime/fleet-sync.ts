// Applies the live protocol to the stores: snapshot replaces everything, frames patch it, a gap in `seq`
// asks for a resync. Poses go to the transient store on every frame; React-facing summaries are
// published on a timer (SUMMARY_INTERVAL_MS), the id set immediately when it changes.
// While the page replays history (fleet-store `replayAt` set) the feed is followed in `views` only, so live frames
// never overwrite replayed robots and the socket stays up; going live again restores the stores from `views`.
import type { FleetFrame, FleetSnapshot } from '@/server/domain/live-protocol';
import { POSE_STRIDE } from '@/server/domain/live-protocol';
import type { RobotView } from '@/server/domain/robot';
import { fleetDebug } from './fleet-debug';
import { pruneSelection, sameIds, useFleetStore } from './fleet-store';
import { applyPose, clearPoses, noteServerTime, removeRobot, upsertRobot } from './pose-store';

export const SUMMARY_INTERVAL_MS = 300;

export class FleetSync {
  private lastSeq: number | null = null;
  private resyncPending = false;
  /** Latest full views, mutated in place between publishes. */
  private views = new Map<number, RobotView>();
  private dirty = new Set<number>();
  private idsChanged = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private suspended = useFleetStore.getState().replayAt !== null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly requestResync: () => void) {}

  start(): void {
    this.timer ??= setInterval(() => this.publish(), SUMMARY_INTERVAL_MS);
    this.unsubscribe ??= useFleetStore.subscribe((s) => {
      const replaying = s.replayAt !== null;
      if (replaying === this.suspended) return;
      this.suspended = replaying;
      if (!replaying) this.restore();
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Back from replay: the stores get the live fleet as the feed left it (poses, summaries, selection). */
  private restore(): void {
    clearPoses();
    for (const v of this.views.values()) upsertRobot(v);
    const robots: Record<number, RobotView> = {};
    for (const [id, v] of this.views) robots[id] = { ...v };
    const ids = [...this.views.keys()].sort((a, b) => a - b);
    this.dirty.clear();
    this.idsChanged = false;
    const { selectedId, selectedIds } = useFleetStore.getState();
    useFleetStore.setState({ ids, robots, ...this.prunedSelection(selectedId, selectedIds) });
  }

  /** The connection dropped: frames until the next snapshot cannot be trusted. */
  disconnected(): void {
    this.lastSeq = null;
  }

  snapshot(s: FleetSnapshot): void {
    fleetDebug.snapshotsReceived += 1;
    noteServerTime(s.serverTime);
    this.views.clear();
    for (const r of s.robots) this.views.set(r.id, { ...r });
    this.lastSeq = s.seq;
    this.resyncPending = false;
    this.dirty.clear();
    this.idsChanged = false;
    if (this.suspended) {
      useFleetStore.setState({ loaded: true, connection: 'live' });
      return;
    }
    clearPoses();
    for (const r of s.robots) upsertRobot(r);
    const robots: Record<number, RobotView> = {};
    for (const [id, v] of this.views) robots[id] = { ...v };
    const ids = [...this.views.keys()].sort((a, b) => a - b);
    const { selectedId, selectedIds } = useFleetStore.getState();
    useFleetStore.setState({
      ids,
      robots,
      loaded: true,
      connection: 'live',
      ...this.prunedSelection(selectedId, selectedIds),
    });
  }

  frame(f: FleetFrame): void {
    if (this.lastSeq === null) return; // Before the first snapshot, or between reconnect and snapshot.
    if (f.seq <= this.lastSeq) return; // Duplicate or late frame.
    if (f.seq !== this.lastSeq + 1 && !this.resyncPending) {
      // Poses are absolute, so keep applying frames; the snapshot repairs any missed status changes.
      this.resyncPending = true;
      fleetDebug.resyncsRequested += 1;
      this.requestResync();
    }
    this.lastSeq = f.seq;
    fleetDebug.framesReceived += 1;
    noteServerTime(f.serverTime);

    const live = !this.suspended;
    for (const r of f.robots) {
      if (live ? upsertRobot(r) : !this.views.has(r.id)) this.idsChanged = true;
      this.views.set(r.id, { ...r });
      this.dirty.add(r.id);
    }
    const p = f.poses;
    for (let i = 0; i + POSE_STRIDE <= p.length; i += POSE_STRIDE) {
      const id = p[i]!;
      if (live && !applyPose(id, p[i + 1]!, p[i + 2]!, p[i + 3]!, p[i + 4]!, f.serverTime)) continue;
      const v = this.views.get(id);
      if (!v) continue;
      const mapId = v.pose?.mapId ?? '';
      v.pose = { x: p[i + 1]!, y: p[i + 2]!, theta: p[i + 3]!, mapId };
      v.speed = p[i + 4]!;
      v.lastSeenAt = Math.max(v.lastSeenAt ?? 0, f.serverTime);
      this.dirty.add(id);
    }
    for (const id of f.removed) {
      if (live) removeRobot(id);
      this.views.delete(id);
      this.dirty.delete(id);
      this.idsChanged = true;
    }
    // A robot appearing or leaving is rendered now, not at the next summary tick.
    if (this.idsChanged) this.publish();
  }

  /** Copy-on-write: only robots that changed get a new object, so memoised rows skip the rest. */
  private publish(): void {
    // Replaying: what changed waits in `views`; restore() publishes it all when the page goes live.
    if (this.suspended || (this.dirty.size === 0 && !this.idsChanged)) return;
    const state = useFleetStore.getState();
    const robots: Record<number, RobotView> = { ...state.robots };
    for (const id of this.dirty) {
      const v = this.views.get(id);
      if (v) robots[id] = { ...v };
    }
    let ids = state.ids;
    if (this.idsChanged) {
      for (const id of Object.keys(robots)) if (!this.views.has(Number(id))) delete robots[Number(id)];
      const next = [...this.views.keys()].sort((a, b) => a - b);
      if (!sameIds(next, ids)) ids = next;
    }
    this.dirty.clear();
    this.idsChanged = false;
    useFleetStore.setState({ robots, ids, ...this.prunedSelection(state.selectedId, state.selectedIds) });
  }

  /** Drops robots that left the fleet from the selection; the primary falls back to another selected robot. */
  private prunedSelection(selectedId: number | null, selectedIds: number[]): { selectedId: number | null; selectedIds: number[] } {
    const ids = pruneSelection(selectedIds, (id) => this.views.has(id));
    const primary = selectedId !== null && this.views.has(selectedId) ? selectedId : (ids[0] ?? null);
    return { selectedId: primary, selectedIds: ids };
  }
}

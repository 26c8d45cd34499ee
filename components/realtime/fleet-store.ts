// What React renders about the fleet: the set of robot ids, throttled per-robot summaries, socket status,
// selection and follow mode. Poses at full rate live in pose-store.ts instead.
import { create } from 'zustand';
import type { RobotView } from '@/server/domain/robot';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';

export interface FleetState {
  /** Sorted robot ids; a new array only when the set of robots changes. */
  ids: number[];
  /** Per-robot views, refreshed at most a few times per second; unchanged robots keep their object. */
  robots: Record<number, RobotView>;
  /** True once the first snapshot arrived (distinguishes "loading" from "no robots"). */
  loaded: boolean;
  connection: ConnectionStatus;
  /** The primary selection: the robot the side panel shows and the camera follows. */
  selectedId: number | null;
  /** Every selected robot (sorted; includes selectedId). Batch commands apply to all of them. */
  selectedIds: number[];
  follow: boolean;
  /**
   * The moment shown while replaying history (epoch ms), null when live. While set, FleetSync keeps the live feed
   * to itself (it restores it when this goes back to null) and components/replay writes ids, robots and poses.
   */
  replayAt: number | null;
  /** Selects exactly one robot (or none). */
  select(id: number | null): void;
  /** Shift-click: adds the robot to the selection, or removes it if it was selected. */
  toggleSelected(id: number): void;
  /** Box select: replaces the selection, or adds to it. */
  selectMany(ids: readonly number[], additive: boolean): void;
  setFollow(on: boolean): void;
}

const EMPTY: number[] = [];

export const useFleetStore = create<FleetState>()((set) => ({
  ids: [],
  robots: {},
  loaded: false,
  connection: 'connecting',
  selectedId: null,
  selectedIds: EMPTY,
  follow: false,
  replayAt: null,
  select: (id) =>
    set((s) =>
      s.selectedId === id && s.selectedIds.length === (id === null ? 0 : 1)
        ? s
        : { selectedId: id, selectedIds: id === null ? EMPTY : [id], follow: id === null ? false : s.follow },
    ),
  toggleSelected: (id) => set((s) => withSelection(s, toggleId(s.selectedIds, id), id)),
  selectMany: (ids, additive) => set((s) => withSelection(s, additive ? unionIds(s.selectedIds, ids) : unionIds(EMPTY, ids), null)),
  setFollow: (on) => set({ follow: on }),
}));

/** The new selection; the primary robot is `prefer` if selected, else the old primary if still selected, else the first. */
function withSelection(s: FleetState, next: number[], prefer: number | null): Partial<FleetState> {
  const selectedId =
    prefer !== null && next.includes(prefer)
      ? prefer
      : s.selectedId !== null && next.includes(s.selectedId)
        ? s.selectedId
        : (next[0] ?? null);
  return { selectedIds: next.length === 0 ? EMPTY : next, selectedId, follow: selectedId === null ? false : s.follow };
}

export function toggleId(ids: readonly number[], id: number): number[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : unionIds(ids, [id]);
}

export function unionIds(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/** The selection without robots that left the fleet; the same array when nothing was removed. */
export function pruneSelection(selected: number[], present: (id: number) => boolean): number[] {
  return selected.every(present) ? selected : selected.filter(present);
}

export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

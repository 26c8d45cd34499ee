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
  selectedId: number | null;
  follow: boolean;
  select(id: number | null): void;
  setFollow(on: boolean): void;
}

export const useFleetStore = create<FleetState>()((set) => ({
  ids: [],
  robots: {},
  loaded: false,
  connection: 'connecting',
  selectedId: null,
  follow: false,
  select: (id) => set((s) => (s.selectedId === id ? s : { selectedId: id, follow: id === null ? false : s.follow })),
  setFollow: (on) => set({ follow: on }),
}));

export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

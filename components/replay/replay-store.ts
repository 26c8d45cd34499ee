// What the replay controls render: mode, the play head (published a few times a second, not per frame), speed,
// zoom and the loading state. The engine (replay-engine.ts) owns the per-frame play head and writes here.
import { create } from 'zustand';
import { DEFAULT_SPAN_MS, type ReplaySpeed } from './replay-time';

export type ReplayLoad =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; tier: 'raw' | 'second' | 'none' }
  | { state: 'buffering' }
  | { state: 'failed'; message: string };

export interface ReplayState {
  mode: 'live' | 'replay';
  /** The moment shown (epoch ms); while live, the present as of the last tick. */
  at: number;
  playing: boolean;
  speed: ReplaySpeed;
  /** The scrubber's visible span. */
  spanMs: number;
  load: ReplayLoad;
}

export const useReplayStore = create<ReplayState>()(() => ({
  mode: 'live',
  at: 0,
  playing: false,
  speed: 1,
  spanMs: DEFAULT_SPAN_MS,
  load: { state: 'idle' },
}));

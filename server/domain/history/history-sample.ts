// One telemetry sample as history keeps it: what the robot sent in one visualization or state message that carried
// a pose, plus the robot's status flags at that moment. Stored packed in slices (slice-codec.ts); this is the shape
// before encoding and after decoding. Pure data, shared by the history writer, the store and the history service.

/** Which message carried the sample's pose. */
export const HISTORY_SOURCE = { visualization: 1, state: 2 } as const;
export type HistorySource = (typeof HISTORY_SOURCE)[keyof typeof HISTORY_SOURCE];

/** Replay precision promised by the issue and kept by the codec: positions within 1 cm, angles within 0.01 rad. */
export const HISTORY_PRECISION = {
  /** Positions and speed are stored in millimetres (mm/s). */
  positionM: 0.001,
  /** Angles are stored in milliradians. */
  thetaRad: 0.001,
  /** Battery in tenths of a percent. */
  batteryPct: 0.1,
} as const;

export interface HistorySample {
  /** Robot header timestamp, epoch ms (exact). */
  ts: number;
  source: HistorySource;
  /** VDA 5050 headerId of the message (exact). */
  headerId: number;
  x: number;
  y: number;
  /** Radians, normalised to (-π, π]. */
  theta: number;
  mapId: string;
  /** Linear speed m/s, null when the message had no velocity. */
  speed: number | null;
  /** Battery charge % (from the latest state message), null until known. */
  battery: number | null;
  driving: boolean | null;
  paused: boolean | null;
  charging: boolean | null;
  operatingMode: string | null;
}

// What the ingest worker stores from telemetry: a sample per message that carried a pose, an event per robot
// event. The shapes the telemetry store port (server/ports/telemetry-store.ts) takes, written in batches.

/** Which message carried a sample's pose (robot_samples.source). */
export const SAMPLE_SOURCE = { visualization: 1, state: 2 } as const;

export interface SampleRow {
  robotId: number;
  /** Epoch ms (robot header timestamp). */
  ts: number;
  source: number;
  headerId: number;
  x: number;
  y: number;
  theta: number;
  mapId: string;
  velocity: number | null;
  battery: number | null;
  driving: boolean | null;
  paused: boolean | null;
  operatingMode: string | null;
}

export interface RobotEventRow {
  robotId: number;
  ts: number;
  kind: string;
  detail: Record<string, unknown>;
}

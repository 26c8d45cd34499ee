// What the ingest worker stores from telemetry besides history: an event per robot event, the shape the telemetry
// store port (server/ports/telemetry-store.ts) takes, written in batches. Poses and status samples are kept by the
// history writer as compact slices (server/domain/history/).

export interface RobotEventRow {
  robotId: number;
  ts: number;
  kind: string;
  detail: Record<string, unknown>;
}

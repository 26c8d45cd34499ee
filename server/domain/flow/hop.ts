// One hop of a traced message: a stage of the data path that handled it, with when, how long and how it went.
// A trace is the ordered list of hops of one message (telemetry from a robot, or a command towards one).

export type TraceKind = 'telemetry' | 'command';
export type HopOutcome = 'ok' | 'error' | 'dropped' | 'superseded';

/** The stages a telemetry message passes, in path order (README "Data path" and the flow page use these). */
export const TELEMETRY_OPERATIONS = [
  'robot.publish',
  'mqtt.deliver',
  'gateway.validate',
  'bus.publish',
  'fleet-state.handle',
  'ingest.handle',
  'history.handle',
  'history.commit',
  'fanout.frame',
  'socketio.send',
  'browser.receive',
  'browser.render',
] as const;

export interface TraceContext {
  /** 32 lower-case hex digits (W3C / OpenTelemetry trace id). */
  traceId: string;
  kind: TraceKind;
  robotId: number | null;
  /** Bus subject or command type, for search and labels. */
  subject: string;
}

export interface HopInput {
  /** Topology node where the hop happened, e.g. `gateway:vda5050-mqtt`. */
  node: string;
  operation: string;
  /** Epoch ms with sub-millisecond precision. */
  startMs: number;
  endMs: number;
  outcome: HopOutcome;
  bytes?: number;
  detail?: string | null;
}

export interface Hop extends TraceContext, Required<HopInput> {
  /** 16 hex digits, unique within the trace (OpenTelemetry span id). */
  spanId: string;
  /** Order of recording within the trace. */
  seq: number;
}

export interface TraceSummary extends TraceContext {
  startedAt: number;
  endedAt: number;
  hops: number;
  outcome: HopOutcome;
}

export const TRACE_ID_RE = /^[0-9a-f]{32}$/;

/** The worst outcome of a trace's hops decides its outcome. */
export function traceOutcome(hops: readonly Pick<Hop, 'outcome'>[]): HopOutcome {
  const rank: Record<HopOutcome, number> = { ok: 0, superseded: 1, dropped: 2, error: 3 };
  let worst: HopOutcome = 'ok';
  for (const h of hops) if (rank[h.outcome] > rank[worst]) worst = h.outcome;
  return worst;
}

export function summarize(hops: readonly Hop[]): TraceSummary | null {
  const first = hops[0];
  if (!first) return null;
  let startedAt = first.startMs;
  let endedAt = first.endMs;
  for (const h of hops) {
    if (h.startMs < startedAt) startedAt = h.startMs;
    if (h.endMs > endedAt) endedAt = h.endMs;
  }
  return {
    traceId: first.traceId,
    kind: first.kind,
    robotId: first.robotId,
    subject: first.subject,
    startedAt,
    endedAt,
    hops: hops.length,
    outcome: traceOutcome(hops),
  };
}

/** Hops in path order: by start time, then by recording order (instant hops share a start). */
export function orderHops<T extends Pick<Hop, 'startMs' | 'seq'>>(hops: readonly T[]): T[] {
  return [...hops].sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);
}

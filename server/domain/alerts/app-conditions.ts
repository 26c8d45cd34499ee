// The app's own conditions: database and broker down, ingest backlog growing, a data-flow edge unhealthy. Judged on
// the app's health report and the flow graph as the engine last polled them. Pure.
import { CLEAR, firing, fmt, severityAbove, thresholdOf, type RuleParams, type Verdict } from './verdict';

/** The `key` of each app subject ({ kind: 'app', key }). */
export const APP_SUBJECT_KEYS = {
  database: 'database',
  broker: 'broker',
  ingest: 'ingest',
  edge: (source: string, target: string) => `edge:${source}→${target}`,
} as const;

export interface ComponentFacts {
  status: string;
  [k: string]: unknown;
}

export interface AppFacts {
  /** The health report's components at the last poll; null before the first answer. */
  components: Record<string, ComponentFacts> | null;
  /** Telemetry rows waiting for the database at the last poll and the one before (null: not known). */
  backlog: { value: number; previous: number | null } | null;
}

export interface EdgeFacts {
  source: string;
  target: string;
  p99Ms: number | null;
  drops: number;
  messages: number;
  windowSeconds: number;
  /** A recent sampled message through the edge, to look at. */
  traceId: string | null;
}

export type AppCondition = (rule: RuleParams, f: AppFacts) => Verdict | null;

const reason = (c: ComponentFacts) => {
  const why = c.error ?? c.lastError ?? c.problem;
  return typeof why === 'string' && why ? `: ${why.slice(0, 160)}` : '';
};

/** The database component reports down (it did not answer the health ping). */
export const databaseDown: AppCondition = (rule, f) => {
  const c = f.components?.database;
  if (!c) return null;
  if (c.status !== 'down') return CLEAR;
  return firing(rule, `Database down${reason(c)}`, { status: c.status, kind: c.kind ?? null, error: c.error ?? null });
};

/** The gateway has no connection to the MQTT broker (the `mqtt` component; absent where no gateway runs). */
export const brokerDown: AppCondition = (rule, f) => {
  const c = f.components?.mqtt;
  if (!c) return null;
  if (c.status !== 'down') return CLEAR;
  return firing(rule, `MQTT broker unreachable${reason(c)}`, { status: c.status, url: c.url ?? null, lastError: c.lastError ?? null });
};

/**
 * Rows waiting for the database: robot events in the ingest component and closed telemetry slices in the history
 * component (each slice is one row of up to 30 s of a robot's samples), or null with neither.
 */
export function ingestBacklog(ingest: ComponentFacts | undefined, history?: ComponentFacts): number | null {
  if (!ingest && !history) return null;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return n(ingest?.eventsBuffered) + n(history?.bufferedSlices);
}

/** Backlog above the threshold and not draining since the previous poll (growing, or stuck at its cap). */
export const ingestBacklogGrowing: AppCondition = (rule, f) => {
  if (!f.backlog) return null;
  const { value, previous } = f.backlog;
  const threshold = thresholdOf(rule);
  if (value <= threshold || previous === null || value < previous) return CLEAR;
  return firing(
    rule,
    `Ingest backlog ${value} messages and growing (threshold ${threshold})`,
    { value, previous, threshold },
    severityAbove(rule, value),
  );
};

/** p99 latency above the threshold (ms), or messages dropped, over the flow graph's window. */
export function edgeUnhealthy(rule: RuleParams, e: EdgeFacts): Verdict {
  const threshold = thresholdOf(rule);
  const slow = e.p99Ms !== null && e.p99Ms > threshold;
  if (!slow && e.drops === 0) return CLEAR;
  const what = [slow ? `p99 ${fmt(e.p99Ms ?? 0)} ms (threshold ${fmt(threshold)} ms)` : '', e.drops > 0 ? `${e.drops} dropped` : '']
    .filter(Boolean)
    .join(', ');
  const v = firing(
    rule,
    `Data flow ${e.source} → ${e.target}: ${what} in the last ${e.windowSeconds} s`,
    { value: e.p99Ms, threshold, drops: e.drops, messages: e.messages, windowSec: e.windowSeconds },
    slow ? severityAbove(rule, e.p99Ms ?? 0) : rule.severity,
  );
  return v.active ? { ...v, traceId: e.traceId } : v;
}

// What alert rule evaluation costs per telemetry message (bench/alert-rules.ts in its own process, with the app's
// V8 flags): the real engine and alert center on the real alert store, a fleet with alerts that open, resolve and
// flap, one evaluation per simulated second. The per-message figure is a second's engine CPU (evaluation, its
// database writes, the state messages' handler) over the second's telemetry (robots × 10 Hz) at ALERT_EVAL_MS=1000.
import { startTs } from '../lib/proc';

interface Spread {
  median: number;
  p99: number;
  mean: number;
}

export interface AlertRulesResult {
  robots: number;
  evaluations: number;
  evalMs: number;
  database: 'pglite' | 'postgres';
  /** CPU of evaluateOnce: facts, every enabled rule on every robot and the app, center.observe. */
  evalCpuUs: Spread;
  /** CPU until the transitions it caused were written (PGlite in-process; Postgres's own CPU is not counted). */
  writesCpuUs: Spread;
  /** The engine's handler for one state message (it records e-stop and localisation). */
  stateHandlerUsPerMsg: number;
  /** Evaluation + writes + a second of state messages: the engine's CPU per second of wall time. */
  totalCpuUsPerSecond: Spread;
  usPerTelemetryMsg: { median: number; mean: number; p99: number; evaluationOnly: number };
  observationsPerEvaluation: number;
  writesPerEvaluationMean: number;
  alertsUnresolvedAtEnd: number;
  opened: number;
  resolved: number;
  flaps: number;
  refused: number;
  written: number;
  writeFailures: number;
  evaluationErrors: number;
  /** The five slowest evaluations: second, CPU µs, writes and openings, and µs of garbage collection during each. */
  slowest: {
    s: number;
    evalUs: number;
    writesUs: number;
    stateUs: number;
    observations: number;
    writes: number;
    opened: number;
    gcUs: number;
  }[];
  /** Engines with one robot rule enabled (on a center that only counts): CPU per evaluation, and above the facts alone. */
  byRule: { rule: string; cpuUsMedian: number; addedUsMedian: number | null }[];
}

export async function runAlertRules(o: { robots: number; evaluations: number; databaseUrl?: string }): Promise<AlertRulesResult> {
  const args = ['--robots', String(o.robots), '--evaluations', String(o.evaluations)];
  const child = startTs('bench/alert-rules.ts', args, { DATABASE_URL: o.databaseUrl, MQTT_URL: undefined }, 'alert-rules', {
    appFlags: true,
  });
  try {
    return JSON.parse((await child.waitFor(/^RESULT (.*)$/, 600_000))[1]!) as AlertRulesResult;
  } finally {
    await child.stop('SIGTERM');
  }
}

// History writer: robot poses on the bus (visualization, and state messages that carry one) → per-robot slices of
// two tiers (slice-builder.ts) → packed by the slice codec → written in batches with retries (batch-writer.ts).
// Status flags come from the robot's latest state message, the slice snapshot from the live fleet as it opens.
// Retention drops whole slices of each tier and old robot events, every pruneEveryMs and once at start.
// Everything is bounded: robots tracked, slices waiting for the database; what does not fit is counted and logged.
import type { Envelope } from '../domain/envelope';
import { HISTORY_SOURCE, type HistorySample, type HistorySource } from '../domain/history/history-sample';
import { SLICE_TIER, type SliceRow, type SliceSnapshot, type SliceTier } from '../domain/history/slice';
import { encodeSamples } from '../domain/history/slice-codec';
import { createThrottle } from '../domain/log-bounds';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import type { AgvPosition, Velocity } from '../domain/vda5050/messages';
import type { Clock } from '../ports/clock';
import type { FleetReader } from '../ports/fleet-reader';
import type { HistoryEventRetention, HistoryStore, OpenSliceSource } from '../ports/history-store';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import { createBatchWriter } from './batch-writer';
import { type ClosedSlice, createSliceBuilder } from './slice-builder';

export interface HistoryWriterOptions {
  rawRetentionHours: number;
  secondRetentionDays: number;
  eventRetentionDays: number;
  pruneEveryMs?: number;
  /** Whether this process prunes now (the leader only, when several share a database); pruneNow() always does. */
  pruneWhen?: () => boolean;
  /** Robots tracked at once (default 20,000). */
  maxRobots?: number;
  /** Closed slices waiting for the database (default 20,000, ~30 MB); beyond, new ones are dropped and counted. */
  maxBufferedSlices?: number;
  /** Slices per insert statement (default 500) and longest wait before a write (default 1 s). */
  maxBatch?: number;
  maxDelayMs?: number;
  /** How often slices open for their span of server time are closed (default 1 s). */
  sweepEveryMs?: number;
  /**
   * Whose poses: `this-node` (default) those this process's gateway published; `every-node` every robot's (a web
   * node without a gateway keeps a readers' copy of the newest slices, which the gateways' nodes store);
   * `other-nodes` the other gateways' robots (the same copy on a web node that is also a gateway).
   */
  delivery?: 'this-node' | 'every-node' | 'other-nodes';
}

export interface HistoryWriterStats {
  /** Samples accepted into slices. */
  samples: number;
  slicesWritten: number;
  openSlices: number;
  bufferedSlices: number;
  /** Samples lost, all causes (the fields below say which). */
  dropped: number;
  /** Samples with a non-finite or out-of-range number (refused before the codec). */
  invalid: number;
  /** Samples of robots beyond maxRobots. */
  untracked: number;
  /** Samples in slices that could not be written: buffer full, refused by the database, codec failure. */
  lostInSlices: number;
  robots: number;
  pruned: { raw: number; second: number; events: number };
  /** Durations of recent slice batch commits (bounded window) and the total time in successful writes, ms. */
  recentCommitMs: number[];
  commitMsTotal: number;
  lastError: string | null;
}

export interface HistoryWriter extends OpenSliceSource {
  /** Closes every open slice and writes everything buffered (tests; graceful stop). */
  flush(): Promise<void>;
  pruneNow(): Promise<void>;
  stats(): HistoryWriterStats;
  stop(): Promise<void>;
}

/** |x|, |y| beyond this (metres) are refused: the codec stores millimetres in 32-bit integers (±2,147 km). */
const MAX_COORD_M = 1_000_000;
const TWO_PI = 2 * Math.PI;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Radians into (-π, π]. */
const normAngle = (a: number) => {
  let r = a % TWO_PI;
  if (r <= -Math.PI) r += TWO_PI;
  else if (r > Math.PI) r -= TWO_PI;
  return r;
};
/** The codec refuses (and would lose the whole slice over) strings over 1 KiB of UTF-8 or not well-formed. */
const MAX_TEXT_CHARS = 256;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storableText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT_CHARS && !LONE_SURROGATE.test(v);
const finiteOrNull = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface Status {
  battery: number | null;
  driving: boolean;
  paused: boolean;
  charging: boolean;
  operatingMode: string | null;
}

type Deps = { bus: MessageBus; store: HistoryStore; events: HistoryEventRetention; fleet: FleetReader; clock: Clock; logger: Logger };

export function createHistoryWriter(deps: Deps, o: HistoryWriterOptions): HistoryWriter {
  const log = deps.logger.child({ component: 'worker:history' });
  const shouldLog = createThrottle(5, 1000);
  const maxRobots = o.maxRobots ?? 20_000;
  const maxBufferedSlices = o.maxBufferedSlices ?? 20_000;
  const c = { samples: 0, invalid: 0, untracked: 0, lostInSlices: 0 };
  const pruned = { raw: 0, second: 0, events: 0 };
  let pruneError: string | null = null;
  const status = new Map<number, Status>();

  const lost = (why: string, n: number, extra: Record<string, unknown>) => {
    c.lostInSlices += n;
    if (shouldLog(why)) log.error({ ...extra, samples: n }, `history samples lost: ${why}`);
  };

  const writer = createBatchWriter<SliceRow>({
    name: 'telemetry_slices',
    maxBatch: o.maxBatch ?? 500,
    maxDelayMs: o.maxDelayMs ?? 1000,
    // Our own cap (below) drops the newest slice and counts its samples; this one is only a backstop.
    maxBuffered: maxBufferedSlices + 1,
    write: (rows) => deps.store.writeSlices(rows),
    onError: (err, attempt) => {
      if (shouldLog('write-retry')) log.warn({ err: (err as Error).message, attempt }, 'writing history slices failed; will retry');
    },
    onRejected: (row, err) => lost('slice refused by the database', row.count, { robotId: row.robotId, err: (err as Error).message }),
    now: () => deps.clock.now(),
  });

  const snapshotOf = (robotId: number): SliceSnapshot | null => {
    const r = deps.fleet.get(robotId);
    if (!r) return null;
    const { connection, errors, orderId, lastNodeId, charging, operatingMode, protocolVersion, stale } = r;
    return { connection, errors, orderId, lastNodeId, charging, operatingMode, protocolVersion, ...(stale !== undefined && { stale }) };
  };

  const toRow = (s: ClosedSlice, data: Uint8Array): SliceRow => ({
    robotId: s.robotId,
    tier: s.tier,
    startMs: s.samples[0]!.ts,
    endMs: s.samples[s.samples.length - 1]!.ts,
    count: s.samples.length,
    snapshot: s.snapshot,
    data,
  });

  const onClosed = (s: ClosedSlice) => {
    if (writer.stats().buffered >= maxBufferedSlices) return lost('write buffer full', s.samples.length, { robotId: s.robotId });
    let data: Uint8Array;
    try {
      data = encodeSamples(s.samples);
    } catch (err) {
      return lost('slice codec failed', s.samples.length, { robotId: s.robotId, err: (err as Error).message });
    }
    writer.add(toRow(s, data));
  };

  const builder = createSliceBuilder({ maxRobots, snapshotOf, onClosed });

  const take = (t: RobotTelemetry, source: HistorySource, p: AgvPosition, v: Velocity | undefined, env: Envelope) => {
    const ts = env.producedAt;
    const headerId = t.message.headerId;
    if (
      !Number.isSafeInteger(ts) ||
      !Number.isSafeInteger(headerId) ||
      !(Math.abs(p.x) <= MAX_COORD_M) ||
      !(Math.abs(p.y) <= MAX_COORD_M) ||
      !Number.isFinite(p.theta) ||
      !storableText(p.mapId)
    ) {
      c.invalid++;
      if (shouldLog('invalid'))
        log.warn({ robotId: t.robotId, x: p.x, y: p.y, theta: p.theta, ts }, 'history sample refused: a number out of range');
      return;
    }
    const s = status.get(t.robotId);
    const speed = v ? finiteOrNull(Math.hypot(v.vx ?? 0, v.vy ?? 0)) : null;
    const sample: HistorySample = {
      ts,
      source,
      headerId,
      x: p.x,
      y: p.y,
      theta: normAngle(p.theta),
      mapId: p.mapId,
      speed,
      battery: s?.battery ?? null,
      driving: s?.driving ?? null,
      paused: s?.paused ?? null,
      charging: s?.charging ?? null,
      operatingMode: s?.operatingMode ?? null,
    };
    if (builder.add(t.robotId, sample, deps.clock.now())) c.samples++;
    else {
      c.untracked++;
      if (shouldLog('untracked')) log.error({ robotId: t.robotId, maxRobots }, 'history sample lost: too many robots tracked');
    }
  };

  const onTelemetry = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (t.topic === 'state') {
      const m = t.message;
      if (status.has(t.robotId) || status.size < maxRobots)
        status.set(t.robotId, {
          battery: finiteOrNull(m.batteryState?.batteryCharge),
          driving: m.driving,
          paused: m.paused ?? false,
          charging: m.batteryState?.charging ?? false,
          operatingMode: storableText(m.operatingMode) ? m.operatingMode : null,
        });
      if (m.agvPosition) take(t, HISTORY_SOURCE.state, m.agvPosition, m.velocity, env);
    } else if (t.topic === 'visualization' && t.message.agvPosition) {
      take(t, HISTORY_SOURCE.visualization, t.message.agvPosition, t.message.velocity, env);
    }
  };

  const subs = [SUBJECTS.visualization, SUBJECTS.state].map((s) =>
    deps.bus.subscribe(s, onTelemetry, { name: 'history', delivery: o.delivery ?? 'this-node' }),
  );

  let pruning: Promise<void> | null = null;
  const pruneTier = async (tier: SliceTier, cutoff: number, errors: string[]) => {
    try {
      const n = await deps.store.deleteSlicesBefore(tier, cutoff);
      pruned[tier === SLICE_TIER.raw ? 'raw' : 'second'] += n;
      if (n > 0) log.info({ tier, deleted: n, before: new Date(cutoff).toISOString() }, 'dropped old history slices');
    } catch (err) {
      errors.push(`slices tier ${tier}: ${(err as Error).message}`);
    }
  };
  const pruneNow = (): Promise<void> => {
    pruning ??= (async () => {
      const now = deps.clock.now();
      const errors: string[] = [];
      await pruneTier(SLICE_TIER.raw, now - o.rawRetentionHours * HOUR, errors);
      await pruneTier(SLICE_TIER.second, now - o.secondRetentionDays * DAY, errors);
      try {
        pruned.events += await deps.events.deleteEventsBefore(now - o.eventRetentionDays * DAY);
      } catch (err) {
        errors.push(`events: ${(err as Error).message}`);
      }
      pruneError = errors.length > 0 ? errors.join('; ') : null;
      if (pruneError && shouldLog('prune')) log.error({ err: pruneError }, 'history retention failed');
    })().finally(() => (pruning = null));
    return pruning;
  };

  const sweep = setInterval(() => builder.closeAged(deps.clock.now()), o.sweepEveryMs ?? 1000);
  const pruneIfLeading = () => {
    if (o.pruneWhen?.() ?? true) void pruneNow();
  };
  const prune = setInterval(pruneIfLeading, o.pruneEveryMs ?? 10 * 60_000);
  sweep.unref();
  prune.unref();
  pruneIfLeading();

  return {
    async flush() {
      builder.closeAll();
      await writer.flush();
    },
    pruneNow,
    openSlices(q) {
      // Closed slices wait up to maxDelayMs (longer while the database is slow or down) before they are written:
      // readers see them meanwhile, or a robot's newest second could have no sample at all.
      const ids = q.robotIds && new Set(q.robotIds);
      const rows: SliceRow[] = writer
        .pending()
        .filter((r) => r.tier === q.tier && r.endMs >= q.from && r.startMs <= q.to && (!ids || ids.has(r.robotId)));
      for (const s of builder.peekOpen(q.tier, q.from, q.to, ids)) {
        try {
          rows.push(toRow(s, encodeSamples(s.samples)));
        } catch {
          // A slice the codec refuses is counted when it closes; a reader just does not see it early.
        }
      }
      return rows;
    },
    stats() {
      const w = writer.stats();
      return {
        samples: c.samples,
        slicesWritten: w.written,
        openSlices: builder.openSlices(),
        bufferedSlices: w.buffered,
        dropped: c.invalid + c.untracked + c.lostInSlices,
        invalid: c.invalid,
        untracked: c.untracked,
        lostInSlices: c.lostInSlices,
        robots: builder.robots(),
        pruned: { ...pruned },
        recentCommitMs: w.recentCommitMs,
        commitMsTotal: w.commitMsTotal,
        lastError: w.lastError ?? pruneError,
      };
    },
    async stop() {
      for (const s of subs) s.unsubscribe();
      clearInterval(sweep);
      clearInterval(prune);
      await pruning?.catch(() => {});
      builder.closeAll();
      await writer.close();
      const left = writer.stats().buffered;
      if (left > 0) log.error({ slices: left }, 'history slices still unwritten at stop (database unreachable)');
    },
  };
}

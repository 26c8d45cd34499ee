// Zone traffic control for VDA 5050 3.0 robots: hands each robot the site's zone set (zoneSet topic) until its
// state lists it, answers its zone and edge requests (responses topic) with the arbiter's decisions, ends leases on
// a timer, and records every decision in the request log. 2.x robots are left alone: they have no such topics.
import { createThrottle, truncateText } from '../../domain/log-bounds';
import { SUBJECTS, type RobotTelemetry } from '../../domain/telemetry';
import type { StateMessage } from '../../domain/vda5050/messages';
import {
  type Answer,
  type ArbiterOptions,
  type ArbiterOutput,
  type Decision,
  observedRequests,
  RequestArbiter,
} from '../../domain/zones/request-arbiter';
import { ARBITER_SOURCE, type ResourceKind, type ResourceStatus, type ZoneSet } from '../../domain/zones/zone-types';
import type { Envelope } from '../../domain/envelope';
import { createLateMessageGuard } from '../../domain/late-message-guard';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { MessageBus } from '../../ports/message-bus';
import type { ZoneMessenger, ZoneOverview, ZoneRequestLog, ZoneRequestQuery, ZoneTraffic } from '../../ports/zone-traffic';

export interface ZoneTrafficOptions {
  arbiter?: Partial<ArbiterOptions>;
  /** How often leases are checked. */
  tickMs?: number;
  /** A robot whose state does not list the site's zone set gets it again after this long. */
  zoneSetResendMs?: number;
  /** Log rows written together. */
  flushMs?: number;
  /** Log rows kept while the database is down; past it the oldest are dropped (counted). */
  maxBuffered?: number;
}

export interface ZoneTrafficService extends ZoneTraffic {
  stats(): ZoneTrafficStats;
  /** Writes what waits for the database (tests; stop). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export interface ZoneTrafficStats {
  zoneSetsSent: number;
  answers: Record<Answer['grantType'], number>;
  /** Answers or zone sets that could not be sent (unknown robot, no MQTT client). */
  sendErrors: number;
  logged: number;
  logBuffered: number;
  logDropped: number;
  /** The request log's last failed write, cleared when a write lands. */
  logError: string | null;
  lastError: string | null;
  /** Robot states ignored: received by their gateway before one already applied (retried after a bus outage). */
  lateStates: number;
}

/** Nothing sent, answered or logged yet (also what a process that does not run the arbiter reports). */
export const emptyZoneStats = (): ZoneTrafficStats => ({
  zoneSetsSent: 0,
  answers: { GRANTED: 0, QUEUED: 0, REJECTED: 0, REVOKED: 0 },
  sendErrors: 0,
  logged: 0,
  logBuffered: 0,
  logDropped: 0,
  logError: null,
  lastError: null,
  lateStates: 0,
});

const isV3 = (version: string) => version.startsWith('3.');
/** A logged id or reason, at most (a robot chooses its request ids and names the zones it asks for). */
const MAX_ID_CHARS = 200;
const MAX_REASON_CHARS = 500;

export function createZoneTraffic(deps: {
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  zoneSet: ZoneSet;
  edgeIds: Iterable<string>;
  messenger: ZoneMessenger;
  log: ZoneRequestLog;
  nameOf(robotId: number): string;
  options?: ZoneTrafficOptions;
  /** Holders and queues to take over (a new leader, from the view the old one relayed). */
  seed?: readonly ResourceStatus[];
}): ZoneTrafficService {
  const o = { tickMs: 1000, zoneSetResendMs: 30_000, flushMs: 500, maxBuffered: 10_000, ...deps.options };
  const log = deps.logger.child({ component: 'zone-traffic' });
  const shouldLog = createThrottle();
  const { zoneSet } = deps;
  const arbiter = new RequestArbiter(
    { zoneSetId: zoneSet.zoneSetId, zones: zoneSet.zones, edgeIds: deps.edgeIds },
    deps.options?.arbiter,
    deps.nameOf,
  );
  if (deps.seed) arbiter.seed(deps.seed, deps.clock.now());
  const zoneSetBody = { zoneSet: { ...zoneSet } };
  /** robotId → when the zone set was last sent (bounded by the registry's robots). */
  const zoneSetSentAt = new Map<number, number>();
  const s = emptyZoneStats();
  const lateStates = createLateMessageGuard();
  let buffer: Decision[] = [];

  const send = (robotId: number, topic: 'zoneSet' | 'responses', body: Record<string, unknown>): boolean => {
    try {
      deps.messenger.send(robotId, topic, body);
      return true;
    } catch (err) {
      s.sendErrors++;
      s.lastError = `${topic} to robot ${robotId}: ${(err as Error).message}`;
      if (shouldLog(`send:${topic}`)) log.warn({ robotId, topic, err: (err as Error).message }, 'zone traffic message not sent');
      return false;
    }
  };

  const apply = (out: ArbiterOutput) => {
    const perRobot = new Map<number, Answer[]>();
    for (const a of out.answers) {
      const list = perRobot.get(a.robotId) ?? [];
      list.push(a);
      perRobot.set(a.robotId, list);
    }
    for (const [robotId, answers] of perRobot) {
      const responses = answers.map((a) => ({
        requestId: a.requestId,
        grantType: a.grantType,
        ...(a.leaseExpiry !== null && { leaseExpiry: new Date(a.leaseExpiry).toISOString() }),
      }));
      if (send(robotId, 'responses', { responses })) for (const a of answers) s.answers[a.grantType]++;
    }
    if (out.decisions.length === 0) return;
    // Ids come from robots: what is logged is cut to a bound (the answer on the wire echoes the id whole).
    for (const d of out.decisions)
      buffer.push({
        ...d,
        resource: truncateText(d.resource, MAX_ID_CHARS),
        requestId: truncateText(d.requestId, MAX_ID_CHARS),
        requestType: truncateText(d.requestType, MAX_ID_CHARS),
        reason: truncateText(d.reason, MAX_REASON_CHARS),
      });
    if (buffer.length > o.maxBuffered) {
      const drop = buffer.length - o.maxBuffered;
      buffer = buffer.slice(drop);
      s.logDropped += drop;
    }
    s.logBuffered = buffer.length;
  };

  /** Hands the zone set to a 3.0 robot whose state does not list it as enabled (at most once per resend period). */
  const offerZoneSet = (robotId: number, state: StateMessage, now: number) => {
    if (state.zoneSets?.some((z) => z.zoneSetId === zoneSet.zoneSetId && z.zoneSetStatus === 'ENABLED')) return;
    const last = zoneSetSentAt.get(robotId);
    if (last !== undefined && now - last < o.zoneSetResendMs) return;
    zoneSetSentAt.set(robotId, now);
    if (send(robotId, 'zoneSet', zoneSetBody)) s.zoneSetsSent++;
  };

  const onState = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (t.topic !== 'state' || !isV3(t.message.version)) return;
    // A state retried late after a bus outage would ask again for a zone the robot has since been answered on.
    if (!lateStates.admit(t.robotId, env.receivedAt)) return void s.lateStates++;
    const now = deps.clock.now();
    offerZoneSet(t.robotId, t.message, now);
    apply(arbiter.observe(t.robotId, observedRequests(t.message), now));
  };

  let flushing: Promise<void> | null = null;
  const flush = async (): Promise<void> => {
    // One write at a time. A caller that comes during a write waits for it, then writes what was decided since:
    // returning the write in flight would let requests() answer without decisions made a moment ago.
    while (flushing) await flushing;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    flushing = deps.log
      .insert(batch)
      .then(
        () => {
          s.logged += batch.length;
          s.logError = null;
        },
        (err: unknown) => {
          // Kept for the next try, in order, within the bound.
          const merged = [...batch, ...buffer];
          buffer = merged.slice(-o.maxBuffered);
          s.logDropped += merged.length - buffer.length;
          s.logError = (err as Error).message;
          s.lastError = `request log: ${s.logError}`;
          if (shouldLog('flush'))
            log.warn({ err: (err as Error).message, waiting: buffer.length }, 'zone request log not written; retrying');
        },
      )
      .finally(() => {
        flushing = null;
        s.logBuffered = buffer.length;
      });
    return flushing;
  };

  const sub = deps.bus.subscribe(SUBJECTS.state, onState, { name: 'zone-traffic' });
  const ticker = setInterval(() => apply(arbiter.tick(deps.clock.now())), o.tickMs);
  const flusher = setInterval(() => void flush(), o.flushMs);
  ticker.unref?.();
  flusher.unref?.();

  const overview = (): ZoneOverview => {
    const status = arbiter.status();
    const byZone = new Map(status.filter((r) => r.kind === 'zone').map((r) => [r.id, r]));
    return {
      zoneSetId: zoneSet.zoneSetId,
      mapId: zoneSet.mapId,
      zones: zoneSet.zones.map((z) => ({ ...z, status: byZone.get(z.zoneId) ?? { kind: 'zone', id: z.zoneId, holder: null, queue: [] } })),
      edges: status.filter((r) => r.kind === 'edge'),
      source: ARBITER_SOURCE,
    };
  };

  return {
    overview,
    async requests(q: ZoneRequestQuery) {
      // What was decided a moment ago belongs in the answer: write it first (a failure leaves it buffered).
      await flush();
      return deps.log.list(q);
    },
    revoke(kind: ResourceKind, id: string, by: string) {
      const out = arbiter.revoke(kind, id, deps.clock.now(), by);
      apply(out);
      return { revoked: out.robotId !== null, robotId: out.robotId };
    },
    stats: () => ({ ...s, answers: { ...s.answers } }),
    flush,
    async stop() {
      sub.unsubscribe();
      clearInterval(ticker);
      clearInterval(flusher);
      await flush();
      await flushing;
    },
  };
}

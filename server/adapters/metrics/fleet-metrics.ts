// The fleet on /metrics: robots by connection and status, battery, errors, commands, protocol losses, broker
// refusals and open alerts. Everything is read from the app's readers at scrape time (one fleet read per scrape),
// so the telemetry path does no extra work. Label sets are bounded: connection and status are enums, error
// levels and severities are enums, command type and status are enums, broker actions are three; `manufacturer`
// is bounded by the robots the app admits (each MQTT login covers one manufacturer, and robot admission caps how
// many robots each may register). No label names a robot or a message, so the series do not grow with the fleet.
import type { ConnectionState, ErrorLevel } from '../../domain/vda5050/messages';
import { robotStatus, type RobotStatus, type RobotView } from '../../domain/robot';
import type { AlertCenter } from '../../ports/alert-center';
import type { FleetReader } from '../../ports/fleet-reader';
import type { RobotProtocolReader } from '../../ports/robot-protocol-reader';
import type { CommandMetricsSnapshot } from '../../services/command-metrics';
import type { BrokerAuthStats } from '../mqtt/broker-auth';

export interface FleetMetricsDeps {
  fleet?: FleetReader | null;
  protocol?: RobotProtocolReader | null;
  commands?: { snapshot(): CommandMetricsSnapshot } | null;
  /** The embedded broker's sign-in figures; absent with an external broker (MQTT_URL), which keeps its own. */
  broker?: { auth(): BrokerAuthStats | null } | null;
  alerts?: Pick<AlertCenter, 'counts'> | null;
  /** This process's gateway: the external broker's own drop count (`brokerDropped`, null while unknown). */
  gateway?: { health(): { brokerDropped?: number | null } } | null;
}

type Labels = Record<string, string | number>;
type Sample = { labels: Labels; value: number; metricName?: string };
/** Observations per bucket (not cumulative; the last is past the last bound), their count and sum. */
type BucketCounts = { buckets: number[]; count: number; sum: number };

/** A metric prom-client asks for at scrape time (it accepts any object with name, help, type and get()). */
export interface ScrapedMetric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: ScrapedMetric['type']; aggregator: 'sum'; values: Sample[] }>;
}

function scraped(name: string, help: string, type: ScrapedMetric['type'], values: () => Sample[]): ScrapedMetric {
  return { name, help, type, aggregator: 'sum', get: async () => ({ name, help, type, aggregator: 'sum', values: values() }) };
}

/** Histogram samples (cumulative buckets, +Inf, sum, count) from per-bucket counts; the last count is past the last bound. */
export function histogramSamples(name: string, labels: Labels, bounds: readonly number[], h: BucketCounts): Sample[] {
  let cumulative = 0;
  const buckets = bounds.map((le, i) => {
    cumulative += h.buckets[i] ?? 0;
    return { metricName: `${name}_bucket`, labels: { ...labels, le }, value: cumulative };
  });
  return [
    ...buckets,
    { metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: h.count },
    { metricName: `${name}_sum`, labels, value: h.sum },
    { metricName: `${name}_count`, labels, value: h.count },
  ];
}

/** Every (connection, status) pair a robot can be in; all are exported, zeros included, so a series never vanishes. */
const ROBOT_STATES: readonly [ConnectionState, RobotStatus][] = [
  ['ONLINE', 'driving'],
  ['ONLINE', 'idle'],
  ['ONLINE', 'paused'],
  ['ONLINE', 'charging'],
  ['ONLINE', 'error'],
  ['OFFLINE', 'offline'],
  ['CONNECTIONBROKEN', 'offline'],
  ['HIBERNATING', 'offline'],
];
const ERROR_LEVELS: readonly ErrorLevel[] = ['WARNING', 'FATAL'];
/** Lower battery bounds are finer: that is where alerts and charging decisions sit. */
export const BATTERY_BOUNDS_PERCENT: readonly number[] = [5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100];

export function fleetMetrics(deps: FleetMetricsDeps, now: () => number = Date.now): ScrapedMetric[] {
  const out: ScrapedMetric[] = [];
  const { fleet, protocol, commands, broker, alerts, gateway } = deps;
  if (fleet) {
    // One read of the fleet per scrape, shared by every fleet metric of that scrape.
    let cache: { at: number; robots: RobotView[] } | null = null;
    const robots = () => {
      const t = now();
      if (!cache || t - cache.at > 100) cache = { at: t, robots: fleet.list() };
      return cache.robots;
    };
    const online = () => robots().filter((r) => r.connection === 'ONLINE');
    out.push(
      scraped('fleetscope_robots', 'Robots known to the app, by VDA 5050 connection state and displayed status', 'gauge', () => {
        const n = new Map<string, number>(ROBOT_STATES.map(([c, s]) => [`${c}/${s}`, 0]));
        for (const r of robots()) {
          const key = `${r.connection}/${robotStatus(r)}`;
          n.set(key, (n.get(key) ?? 0) + 1);
        }
        return [...n].map(([key, value]) => {
          const [connection, status] = key.split('/') as [string, string];
          return { labels: { connection, status }, value };
        });
      }),
      scraped(
        'fleetscope_robot_battery_percent',
        'Battery charge of the online robots right now (a distribution taken at each scrape, not accumulated: ' +
          'read the buckets or histogram_quantile() directly, never rate()); one histogram rather than a gauge per ' +
          'robot, so the series stay the same as the fleet grows',
        'histogram',
        () => {
          const h: BucketCounts = { buckets: new Array<number>(BATTERY_BOUNDS_PERCENT.length + 1).fill(0), count: 0, sum: 0 };
          for (const r of online()) {
            if (r.battery === null) continue;
            const i = BATTERY_BOUNDS_PERCENT.findIndex((le) => r.battery! <= le);
            h.buckets[i === -1 ? BATTERY_BOUNDS_PERCENT.length : i]!++;
            h.count++;
            h.sum += r.battery;
          }
          return histogramSamples('fleetscope_robot_battery_percent', {}, BATTERY_BOUNDS_PERCENT, h);
        },
      ),
      scraped('fleetscope_robot_errors', 'Errors the online robots report right now (VDA 5050 state.errors), by level', 'gauge', () => {
        const n = new Map<string, number>(ERROR_LEVELS.map((l) => [l, 0]));
        for (const r of online())
          for (const e of r.errors) {
            const level = ERROR_LEVELS.includes(e.errorLevel) ? e.errorLevel : 'other';
            n.set(level, (n.get(level) ?? 0) + 1);
          }
        return [...n].map(([level, value]) => ({ labels: { level }, value }));
      }),
    );
    if (protocol) {
      const perManufacturer = (pick: (s: { invalid: number; lostMessages: number; headerGaps: number }) => number) => () => {
        const n = new Map<string, number>();
        for (const r of robots()) {
          const s = protocol.stats(r.id);
          n.set(r.manufacturer, (n.get(r.manufacturer) ?? 0) + (s ? pick(s) : 0));
        }
        return [...n].map(([manufacturer, value]) => ({ labels: { manufacturer }, value }));
      };
      const since = 'since the app started, summed over the robots of each manufacturer (bounded: one MQTT login per manufacturer)';
      out.push(
        scraped(
          'fleetscope_protocol_invalid_messages_total',
          `VDA 5050 messages from robots that failed the schema or could not be decoded, ${since}`,
          'counter',
          perManufacturer((s) => s.invalid),
        ),
        scraped(
          'fleetscope_protocol_lost_messages_total',
          `VDA 5050 messages lost on the way from robots (skipped headerIds), ${since}`,
          'counter',
          perManufacturer((s) => s.lostMessages),
        ),
        scraped(
          'fleetscope_protocol_header_gaps_total',
          `Forward jumps of the VDA 5050 headerId (each loses one or more messages), ${since}`,
          'counter',
          perManufacturer((s) => s.headerGaps),
        ),
      );
    }
  }
  if (commands) {
    const read = (() => {
      let cache: { at: number; s: CommandMetricsSnapshot } | null = null;
      return () => {
        const t = now();
        if (!cache || t - cache.at > 100) cache = { at: t, s: commands.snapshot() };
        return cache.s;
      };
    })();
    out.push(
      scraped(
        'fleetscope_commands_total',
        'Commands that reached a final status since the app started, by command type and final status (each counted once)',
        'counter',
        () => read().finished.map((f) => ({ labels: { type: f.type, status: f.status }, value: f.count })),
      ),
      scraped(
        'fleetscope_command_duration_seconds',
        'Time from issuing a command to its final status, by command type and final status',
        'histogram',
        () => {
          const s = read();
          return s.finished.flatMap((f) =>
            histogramSamples('fleetscope_command_duration_seconds', { type: f.type, status: f.status }, s.bounds, f),
          );
        },
      ),
      scraped(
        'fleetscope_command_acknowledge_seconds',
        'Time from issuing a command to the robot acknowledging it (instant action or order accepted), by command type',
        'histogram',
        () => {
          const s = read();
          return s.acknowledged.flatMap((a) => histogramSamples('fleetscope_command_acknowledge_seconds', { type: a.type }, s.bounds, a));
        },
      ),
    );
  }
  if (broker) {
    out.push(
      scraped(
        'fleetscope_broker_refusals_total',
        'Connects, publishes and subscribes the embedded MQTT broker refused (bad login, topic outside the ACL) since start; ' +
          'reported by the broker thread about once a second',
        'counter',
        () => {
          const a = broker.auth();
          if (!a) return [];
          return (['connect', 'publish', 'subscribe'] as const).map((action) => ({ labels: { action }, value: a.denied[action] }));
        },
      ),
    );
  }
  if (gateway) {
    out.push(
      scraped(
        'fleetscope_broker_dropped_messages_total',
        "The MQTT broker's own count of messages it dropped since it started, as this process's gateway last heard it " +
          "(Mosquitto's $SYS publish/messages/dropped: QoS 0 messages for any subscriber that read too late; the same " +
          'broker-wide figure on every gateway of a site, so never sum it over nodes); absent while unknown (the ' +
          'embedded broker has none; Mosquitto forgets it after a quiet minute until it next changes)',
        'counter',
        () => {
          const d = gateway.health().brokerDropped;
          return d === null || d === undefined ? [] : [{ labels: {}, value: d }];
        },
      ),
    );
  }
  if (alerts) {
    out.push(
      scraped('fleetscope_alerts_open', 'Alerts not resolved (open or acknowledged), by severity', 'gauge', () =>
        Object.entries(alerts.counts()).map(([severity, value]) => ({ labels: { severity }, value })),
      ),
    );
  }
  return out;
}

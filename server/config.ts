// Environment parsed once with zod. A bad value stops the start with one line naming the variable.
import os from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  PORT: port.default(3000),
  HOSTNAME: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  MQTT_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^mqtts?:\/\/[^/]+/, 'must look like mqtt://host:port')
      .optional(),
  ),
  MQTT_PORT: port.default(1884),
  /** This process's name in /api/health, /metrics and logs (default `<hostname>:<PORT>`); unique across the processes of a site. */
  NODE_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 letters, digits, _ . : -')
      .optional(),
  ),
  /** What this process does: `all`, or comma-separated roles; leaving any out needs BUS_URL (the other nodes run the rest). */
  NODE_ROLES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('all')
      .transform((v) =>
        v
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.enum(['all', 'gateway', 'ingest', 'web', 'control'], {
              error: (i) => `unknown role ${JSON.stringify(i.input)}: roles are all, gateway, ingest, web, control`,
            }),
          )
          .min(1, 'must name at least one role'),
      )
      .transform((roles) => {
        const set = new Set(roles);
        if (set.has('all')) return { gateway: true, ingest: true, web: true, control: true };
        return { gateway: set.has('gateway'), ingest: set.has('ingest'), web: set.has('web'), control: set.has('control') };
      }),
  ),
  /** NATS with JetStream (nats://host:port[,nats://…]); unset: the in-process bus. Unreachable at start: the start fails. */
  BUS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^nats:\/\/[^/\s]+(,\s*nats:\/\/[^/\s]+)*$/, 'must look like nats://host:port (several comma-separated)')
      .optional(),
  ),
  /** Redis (redis:// or rediss://): Socket.IO across web nodes and sign-in limits shared by every node; unset: per process. Unreachable at start: the start fails. */
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/[^/\s]+(\/\d{1,2})?$/, 'must look like redis://[user:password@]host:port[/db] (or rediss://)')
      .optional(),
  ),
  /** Subject prefix and stream name on NATS: apps that share a NATS server apart. */
  BUS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ and -')
    .default('fleetscope'),
  /** The bus stream's limits: messages older than this are dropped. */
  BUS_MAX_AGE_SECONDS: z.coerce.number().int().min(60).default(3600),
  /** The bus stream's limits: past this many bytes the oldest messages are dropped. */
  BUS_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024 ** 2)
    .default(1024 ** 3),
  VDA_INTERFACE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'must be one MQTT topic level of letters, digits, _ . -')
    .default('uagv'),
  /** A LIF 1.0 file with the site's layout (nodes, edges, stations); unset → the generated warehouse. */
  SITE_LAYOUT: z.preprocess(emptyToUndefined, z.string().max(4096).optional()),
  SIM_ROBOTS: z.coerce.number().int().min(0).max(10_000).default(24),
  SIM_HZ: z.coerce.number().positive().max(50).default(10),
  SIM_SEED: z.coerce.number().int().default(1),
  /** Share of the simulated robots that speak VDA 5050 3.0 (0 to 1): every 1/share-th robot. */
  SIM_V3_SHARE: z.coerce.number().min(0).max(1).default(0.25),
  /** Full-rate telemetry history (the raw tier of telemetry_slices). */
  SAMPLE_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /** One sample per second per robot (the second tier of telemetry_slices). */
  HISTORY_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Timeline events (robot_events). */
  EVENT_RETENTION_DAYS: z.coerce.number().positive().default(90),
  /** Robots a manufacturer-wide MQTT login may have registered on first contact; past it new serial numbers are refused (counted, audited). */
  MAX_ROBOTS_PER_LOGIN: z.coerce.number().int().min(1).default(5000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Live fan-out tick. 30 Hz keeps robot → browser p99 under 50 ms at 500 robots (the wait for the next frame is up to one tick); the cost per frame is small, frames carry only what changed. */
  FANOUT_HZ: z.coerce.number().min(1).max(30).default(30),
  /** Data-flow metering and traces (off only to measure what they cost). */
  TRACE_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Share of telemetry messages traced hop by hop; errors and commands are always traced. 0.1% keeps trace_hops near
   * 70 KB per robot-hour at 10 Hz (1% was ~0.5 MB, over the whole database's 400 KB budget: docs/performance.md,
   * "Storage") and still gives the flow page a trace every 2 s at 50 robots, five a second at 500.
   */
  TRACE_SAMPLE_RATE: z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.001),
  TRACE_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /** Traces kept in memory (the newest), for traces.byId and the flow page's recent messages. */
  TRACE_RING_TRACES: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  /** An edge whose p99 latency exceeds this is unhealthy (above half of it, a warning). */
  TRACE_SLOW_MS: z.coerce.number().positive().default(250),
  /** OTLP/HTTP traces endpoint base, e.g. http://127.0.0.1:4318 (spans go to <base>/v1/traces); unset → no export. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  OTEL_SERVICE_NAME: z.string().min(1).default('fleetscope'),
  /** Every alert transition is POSTed here (besides a rule's own webhook); unset: none. */
  ALERT_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  /** Key of the HMAC-SHA256 signature on every webhook (x-fleetscope-signature); unset: not signed. */
  ALERT_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  /** How often the alert rules are evaluated over the live state. */
  ALERT_EVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  /** The first administrator, created when the database has no users; without a password one is generated and printed once. */
  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email('must be an email address').optional()),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(10, 'must be at least 10 characters').optional()),
  /** Extra origins (comma-separated, e.g. https://fleet.example.com) allowed to call mutations and open sockets; the app's own origin always is. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be comma-separated http(s) origins' }))),
  /** A session unused for this long ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(30),
  /** Largest request body (tRPC calls, sign-in), in bytes; a larger one is refused with 413 before it is read. */
  MAX_REQUEST_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** A session ends this long after sign-in, used or not. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(30 * 24)
    .default(12),
});

export type AppConfig = Omit<z.infer<typeof schema>, 'NODE_ID'> & { NODE_ID: string; dev: boolean };

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined> = process.env, dev = false): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // A password in a URL (…://user:password@host) is not repeated in the message.
    const value = env[name]?.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@');
    throw new ConfigError(`Invalid ${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue?.message ?? 'invalid'}`);
  }
  const d = parsed.data;
  // Robot traffic and its writers left out run in other processes, which only a shared bus can reach.
  const left = (['gateway', 'ingest'] as const).filter((r) => !d.NODE_ROLES[r]);
  if (left.length > 0 && !d.BUS_URL)
    throw new ConfigError(
      `Invalid NODE_ROLES=${JSON.stringify(env.NODE_ROLES)}: leaving out ${left.join(', ')} needs BUS_URL (other nodes on a shared bus run ${left.length > 1 ? 'them' : 'it'})`,
    );
  return { ...d, NODE_ID: d.NODE_ID ?? `${os.hostname()}:${d.PORT}`, dev };
}

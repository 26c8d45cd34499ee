// Environment parsed once with zod. A bad value stops the start with one line naming the variable.
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
  VDA_INTERFACE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'must be one MQTT topic level of letters, digits, _ . -')
    .default('uagv'),
  SIM_ROBOTS: z.coerce.number().int().min(0).max(10_000).default(24),
  SIM_HZ: z.coerce.number().positive().max(50).default(10),
  SIM_SEED: z.coerce.number().int().default(1),
  SAMPLE_RETENTION_HOURS: z.coerce.number().positive().default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Live fan-out tick; 10–20 Hz. */
  FANOUT_HZ: z.coerce.number().min(1).max(30).default(20),
});

export type AppConfig = z.infer<typeof schema> & { dev: boolean };

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined> = process.env, dev = false): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const value = env[name];
    throw new ConfigError(`Invalid ${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, dev };
}

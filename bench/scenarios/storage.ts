// Storage scenario (issue 19's budget): what the fleet's history costs on disk and how fast a replay starts.
// (1) + (2) bench/storage-growth.ts: the real app with a simulated fleet, database growth per robot-hour in steady
// state, whole database and per table (telemetry_slices is figure 1). (3) bench/storage-replay.ts: R robots ×
// M minutes of synthetic history written through the history store, then the time to the first page of
// history.range, from the reader and over HTTP. Each part runs in its own process, once per database.
import { startTs } from '../lib/proc';

export interface StorageGrowthResult {
  database: 'pglite' | 'postgres';
  robots: number;
  hz: number;
  traceSampleRate: number;
  measuredSeconds: number;
  robotHours: number;
  databasePerRobotHour: number;
  telemetryPerRobotHour: number;
  catalogsPerRobotHour: number;
  byTable: { table: string; bytes: number; perRobotHour: number; share: number }[];
  historySamplesPerRobotHour: number;
  /** Samples taken in / (hz + 1) × 3600 per robot-hour: below 1, the simulated fleet fell behind its rate. */
  keptUp: number;
  /** BENCH_ROBOTS_FILLFACTOR (a what-if for the robots table), or null. */
  robotsFillfactor: number | null;
  messagesPerRobotHour: number;
  tracesPerRobotHour: number;
  traceBytesPerTrace: number | null;
  eventsPerRobotHour: number;
  commandsInWindow: number;
  deadTuplesAtEnd: Record<string, number>;
  afterStop: { telemetryBytes: number; samples: number; bytesPerSample: number | null; telemetryPerRobotHourAtHz: number | null } | null;
}

export interface StorageReplayResult {
  database: 'pglite' | 'postgres';
  robots: number;
  minutes: number;
  samples: number;
  slices: number;
  encodeSeconds: number;
  writeSeconds: number;
  samplesPerSecWritten: number;
  telemetryPerRobotHour: number;
  bytesPerSample: number;
  firstPage: { tracks: number; samples: number; spanMs: number; more: boolean } | null;
  readerMs: { p50: number; first: number; all: number[] };
  httpMs: { p50: number; first: number; all: number[] };
  httpBytes: number;
  wholeWindow: { pages: number; samples: number; ms: number };
}

/** Steady-state growth of one database (DATABASE_URL → a fresh Postgres database beside it; unset → PGlite). */
export async function runStorageGrowth(o: {
  robots: number;
  seconds: number;
  warmupSeconds: number;
  databaseUrl?: string;
}): Promise<StorageGrowthResult> {
  const args = ['--robots', String(o.robots), '--seconds', String(o.seconds), '--warmup', String(o.warmupSeconds)];
  // The embedded broker, whatever MQTT_URL says: the figures are the database's, the broker only carries messages.
  const child = startTs('bench/storage-growth.ts', args, { DATABASE_URL: o.databaseUrl, MQTT_URL: undefined }, 'storage-growth', {
    appFlags: true,
  });
  try {
    return JSON.parse((await child.waitFor(/^RESULT (.*)$/, (o.seconds + o.warmupSeconds + 240) * 1000))[1]!) as StorageGrowthResult;
  } finally {
    await child.stop('SIGTERM');
  }
}

export async function runStorageReplay(o: {
  robots: number;
  minutes: number;
  runs: number;
  databaseUrl?: string;
}): Promise<StorageReplayResult> {
  const args = ['--robots', String(o.robots), '--minutes', String(o.minutes), '--runs', String(o.runs)];
  const child = startTs('bench/storage-replay.ts', args, { DATABASE_URL: o.databaseUrl, MQTT_URL: undefined }, 'storage-replay', {
    appFlags: true,
  });
  try {
    return JSON.parse((await child.waitFor(/^RESULT (.*)$/, 600_000))[1]!) as StorageReplayResult;
  } finally {
    await child.stop('SIGTERM');
  }
}

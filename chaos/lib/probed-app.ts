// The real app (server/index.ts as `npm start` runs it, via app-process.ts) with the probe preloaded: its own RSS,
// event-loop delay and unhandled rejections, read from a file the probe rewrites four times a second. Runs on a
// fresh database (PGlite, or a new database beside DATABASE_URL) and the embedded broker, or MQTT_URL when set.
import fs from 'node:fs';
import path from 'node:path';
import { trpcMutation } from '../../bench/lib/trpc-http';
import { splitBrokerUrl } from '../../server/protocol/broker-url';
import { createTestDatabase, freePort } from '../../server/testing/test-env';
import { createApp, type AppHandle } from './app-process';
import { ROOT } from './child';

export interface ProbeFigures {
  rssMb: number;
  rssMaxMb: number;
  eldP99Ms: number;
  eldP99MaxMs: number;
  eldMaxMs: number;
  unhandledRejections: number;
  firstRejection: string;
  uncaughtExceptions: number;
  firstException: string;
  resets: number;
}

export interface ProbedApp extends AppHandle {
  brokerUrl: string;
  probe(): ProbeFigures;
  /** Restarts the probe's maxima (RSS, event-loop delay) before an attack; returns the RSS at that moment. */
  markStart(): Promise<number>;
  /** Unhandled rejections seen by the probe's hook or logged by the app (Next logs them and carries on). */
  unhandled(): number;
  /** Uncaught exceptions (the probe's monitor or the app's log): the app may survive one, but what threw is broken. */
  uncaught(): number;
  /** An MQTT login for robots of `manufacturer` (any serial), created as an admin would; MQTT_URL's own when external. */
  robotLogin(manufacturer: string): Promise<{ username?: string; password?: string }>;
  cleanup(): Promise<void>;
}

const EMPTY: ProbeFigures = {
  rssMb: 0,
  rssMaxMb: 0,
  eldP99Ms: 0,
  eldP99MaxMs: 0,
  eldMaxMs: 0,
  unhandledRejections: 0,
  firstRejection: '',
  uncaughtExceptions: 0,
  firstException: '',
  resets: 0,
};

/** `dir`: the scenario's own directory (app data, its log, the probe's file); kept by the kit when a run fails. */
export async function startProbedApp(dir: string, env: Record<string, string> = {}): Promise<ProbedApp> {
  const db = await createTestDatabase();
  const mqttPort = await freePort();
  const probeFile = path.join(dir, 'app-probe.json');
  const external = process.env.MQTT_URL || undefined;
  const h = await createApp({
    dir,
    databaseUrl: db.url,
    mqttUrl: external,
    env: {
      MQTT_PORT: String(mqttPort),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${path.join(ROOT, 'chaos/lib/app-probe.mjs')}`.trim(),
      CHAOS_PROBE_FILE: probeFile,
      ...env,
    },
  });
  const probe = (): ProbeFigures => {
    try {
      return JSON.parse(fs.readFileSync(probeFile, 'utf8')) as ProbeFigures;
    } catch {
      return EMPTY;
    }
  };
  const app = Object.assign(h, {
    brokerUrl: external ? splitBrokerUrl(external).url : `mqtt://127.0.0.1:${mqttPort}`,
    probe,
    async markStart() {
      const before = probe().resets;
      fs.writeFileSync(`${probeFile}.reset`, '');
      for (let i = 0; i < 40 && probe().resets === before; i++) await new Promise((r) => setTimeout(r, 100));
      return probe().rssMb;
    },
    unhandled: () => Math.max(probe().unhandledRejections, h.counts().unhandledRejections ?? 0),
    uncaught: () => Math.max(probe().uncaughtExceptions, h.counts().uncaughtExceptions ?? 0),
    async robotLogin(manufacturer: string) {
      if (external) {
        const { username, password } = splitBrokerUrl(external);
        return { ...(username !== undefined && { username }), ...(password !== undefined && { password }) };
      }
      const username = `chaos-${manufacturer.toLowerCase()}-${Date.now().toString(36)}`;
      const { password } = await trpcMutation<{ password: string }>(h.admin, 'credentials.create', {
        username,
        manufacturer,
        serialNumber: null,
        note: 'chaos suite',
      });
      return { username, password };
    },
    async cleanup() {
      await h.stop();
      await db.drop().catch(() => {});
    },
  });
  try {
    await app.start();
  } catch (err) {
    await app.cleanup();
    throw err;
  }
  return app;
}

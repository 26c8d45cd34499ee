// The app's own CPU per message, in-process (bench/app-hotpath.ts in its own process, with the app's V8 flags):
// a figure that the simulators, broker and database server sharing the machine cannot blur, so a change to the
// hot path shows up here even when the end-to-end runs are too noisy to tell.
import { startTs } from '../lib/proc';

export interface AppHotPathResult {
  database: 'pglite' | 'postgres';
  robots: number;
  messagesPerRound: number;
  rounds: number;
  /** App CPU (all threads, user + system) per message, median and minimum over the rounds. */
  usPerMsgMedian: number;
  usPerMsgMin: number;
  /** Time in garbage collection per message (median). */
  gcUsPerMsgMedian: number;
  /** Messages per second the app took in while handing them over as fast as it accepted them (median). */
  msgsPerSecMedian: number;
  perRound: number[];
  accepted: number;
  invalid: number;
}

export async function runAppHotPath(o: {
  robots: number;
  frames: number;
  rounds: number;
  databaseUrl?: string;
}): Promise<AppHotPathResult> {
  const args = ['--robots', String(o.robots), '--frames', String(o.frames), '--rounds', String(o.rounds)];
  const child = startTs('bench/app-hotpath.ts', args, { DATABASE_URL: o.databaseUrl, MQTT_URL: undefined }, 'app-hotpath', {
    appFlags: true,
  });
  try {
    const line = (await child.waitFor(/^RESULT (.*)$/, 600_000))[1]!;
    return { database: o.databaseUrl ? 'postgres' : 'pglite', ...(JSON.parse(line) as Omit<AppHotPathResult, 'database'>) };
  } finally {
    await child.stop('SIGTERM');
  }
}

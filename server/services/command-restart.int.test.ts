// Killing the app (SIGKILL, no shutdown) between dispatch and acknowledgement loses no command: the restarted app
// resumes in-flight commands from the ledger, resends them with the same actionId, and each ends final, executed once.
// Two cases: the robot ran the command but its reply was still on the way; the robot never got the command.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import type { AppConfig } from '../config';
import { startFleet, type SimFleet } from '../sim/fleet';
import { testConfig, testLogger, waitFor } from '../testing/test-env';
import { readMapFile } from './site-map';

let child: ChildProcess | null = null;
let app: App | null = null;
let fleet: SimFleet | null = null;
let cleanup: (() => Promise<void>) | null = null;

afterAll(async () => {
  child?.kill('SIGKILL');
  await fleet?.stop();
  await app?.stop();
  await cleanup?.();
});

const envOf = (c: AppConfig): Record<string, string> => ({
  DATA_DIR: c.DATA_DIR,
  ...(c.DATABASE_URL && { DATABASE_URL: c.DATABASE_URL }),
  ...(c.MQTT_URL && { MQTT_URL: c.MQTT_URL }),
  MQTT_PORT: String(c.MQTT_PORT),
  VDA_INTERFACE: c.VDA_INTERFACE,
  SIM_ROBOTS: '0',
  LOG_LEVEL: 'silent',
});

type Line = {
  event: string;
  id?: string;
  serial?: string;
  robotId?: number;
  status?: string;
  brokerUrl?: string;
  login?: { username?: string; password?: string };
};

it('a command in flight when the app is killed ends final after a restart, executed exactly once', async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/testing/ledger-app-process.ts'], {
    env: { ...process.env, ...envOf(t.config), ISSUE_SERIALS: 'SIM-0001,SIM-0002', ISSUE_TYPE: 'pause' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  const lines: Line[] = [];
  readline.createInterface({ input: proc.stdout! }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as Line);
    } catch {
      // not one of ours
    }
  });
  const ready = await waitFor('child app ready', () => lines.find((l) => l.event === 'ready'), 90_000);

  // The robots run in this process and outlive the app. SIM-0001 executes at once but its replies are held back
  // 4 s; SIM-0002 loses every instantActions message, so it has not run the command when the app dies.
  const map = await readMapFile();
  fleet = await startFleet({
    brokerUrl: ready.brokerUrl!,
    clientOptions: ready.login,
    iface: t.config.VDA_INTERFACE,
    robots: 2,
    hz: 5,
    seed: 3,
    map,
    autonomous: 'never',
  });
  await fleet.ready;
  fleet.injectFault('SIM-0001', { kind: 'delay', ms: 4_000 });
  fleet.injectFault('SIM-0002', { kind: 'drop', share: 1, topics: ['instantActions'] });

  const issued = await waitFor(
    'both commands issued',
    () => {
      const got = lines.filter((l) => l.event === 'issued');
      return got.length === 2 ? got : null;
    },
    60_000,
  );
  await waitFor(
    'both dispatched',
    () => issued.every((i) => lines.some((l) => l.event === 'command' && l.id === i.id && l.status === 'dispatched')),
    20_000,
  );
  proc.kill('SIGKILL');
  await new Promise((r) => proc.once('exit', r));
  child = null;
  expect(lines.filter((l) => l.event === 'command' && ['acknowledged', 'succeeded'].includes(l.status!))).toEqual([]);
  expect(fleet.executions()['SIM-0001']?.startPause).toBe(1); // it ran; the app just never heard

  fleet.clearFault('SIM-0001');
  fleet.clearFault('SIM-0002');
  app = await createApp(t.config, { logger: testLogger });
  for (const i of issued) {
    const done = await waitFor(
      `command ${i.id} final`,
      async () => {
        const { command } = await app!.commands.byId(i.id!);
        return ['succeeded', 'failed', 'cancelled', 'expired', 'timed_out'].includes(command.status) ? command : null;
      },
      30_000,
      100,
    );
    expect(done.status, `${i.serial}: ${done.outcome}`).toBe('succeeded');
    const { events } = await app.commands.byId(i.id!);
    expect(events.map((e) => e.to)).toEqual(['requested', 'queued', 'dispatched', 'acknowledged', 'succeeded']);
  }
  expect(fleet.executions()['SIM-0001']?.startPause).toBe(1);
  expect(fleet.executions()['SIM-0002']?.startPause).toBe(1);
}, 180_000);

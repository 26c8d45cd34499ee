// A robot that goes silent without a last will: stale after 3 s, OFFLINE (reason "silent") after the configured
// silence, ONLINE again when it speaks. The app runs on a fake clock, so the test moves time, not the wall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandWrittenRobot } from '../adapters/gateways/vda5050-mqtt/testing/hand-written-robot';
import { createApp, type App } from '../app';
import type { Clock } from '../ports/clock';
import { robotLogin } from '../testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from '../testing/test-env';
import { ROBOT_EVENT_SUBJECT, type RobotEventPayload } from './fleet-state';

let now = Date.now();
const clock: Clock = { now: () => now };
let app: App;
let cleanup: () => Promise<void>;
let robot: HandWrittenRobot;
const events: RobotEventPayload[] = [];

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  app = await createApp(t.config, {
    logger: testLogger,
    clock,
    protocol: { liveness: { offlineAfterMs: 10_000, tickMs: 25 }, factsheetGraceMs: 60_000 },
  });
  app.bus.subscribe(ROBOT_EVENT_SUBJECT, (env) => void events.push(env.payload as RobotEventPayload));
  robot = await HandWrittenRobot.connect(
    app.brokerUrl,
    t.config.VDA_INTERFACE,
    'Hand Made',
    'QUIET-1',
    await robotLogin(app, 'Hand Made', 'QUIET-1'),
  );
});

afterAll(async () => {
  await robot?.close();
  await app?.stop();
  await cleanup?.();
});

const view = () => app.runtime.fleet.list().find((v) => v.serialNumber === 'QUIET-1');
const settle = () => new Promise((r) => setTimeout(r, 150)); // several liveness ticks

describe('robot liveness', () => {
  it('marks a silent robot stale, then OFFLINE with reason "silent", and ONLINE again when it speaks', async () => {
    await robot.online();
    await robot.publishState();
    await waitFor('online', () => view()?.connection === 'ONLINE');
    await settle();
    expect(view()?.stale ?? false).toBe(false);

    now += 2_900;
    await settle();
    expect(view()?.stale ?? false).toBe(false);

    now += 200; // 3.1 s of silence
    await waitFor('stale', () => view()?.stale === true);
    expect(view()?.connection).toBe('ONLINE');

    now += 7_000; // 10.1 s
    await waitFor('offline', () => view()?.connection === 'OFFLINE');
    const silent = events.filter((e) => e.kind === 'connection' && e.detail.reason === 'silent');
    expect(silent).toHaveLength(1);
    expect(silent[0]!.detail).toMatchObject({ from: 'ONLINE', to: 'OFFLINE', reason: 'silent' });

    now += 60_000;
    await settle();
    expect(events.filter((e) => e.detail.reason === 'silent')).toHaveLength(1); // announced once

    await robot.publishState();
    await waitFor('online again', () => view()?.connection === 'ONLINE' && view()?.stale === false);
  });
});

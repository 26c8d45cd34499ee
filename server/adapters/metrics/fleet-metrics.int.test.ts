// The fleet on GET /metrics of a running app (real broker and database, simulated robots and one hand-written
// robot of another manufacturer): the text parses, and robots, battery, errors, commands (each counted once),
// protocol losses per manufacturer, broker refusals and open alerts carry the figures the app holds.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../app';
import type { CommandView, IssueCommandInput } from '../../domain/commands/command';
import { robotLogin } from '../../testing/mqtt-credentials';
import { type Parsed, parsePrometheus } from '../../testing/prometheus-text';
import { testConfig, testLogger, waitFor } from '../../testing/test-env';
import { HandWrittenRobot } from '../gateways/vda5050-mqtt/testing/hand-written-robot';
import { createMetricsEndpoint, type MetricsEndpoint } from './prometheus';

const HAND = 'Hand Made';
let app: App;
let cleanup: () => Promise<void>;
let metrics: MetricsEndpoint;
let hand: HandWrittenRobot;

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '3', SIM_HZ: '10' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  // As server/index.ts wires it (the app counts commands from its start); the alert center is a stand-in with fixed counts.
  metrics = createMetricsEndpoint({
    recorder: app.flow?.recorder ?? null,
    fleet: app.store,
    protocol: app.protocol,
    commands: app.commandMetrics,
    broker: app.broker,
    alerts: { counts: () => ({ info: 0, warning: 1, critical: 2 }) },
  });
  await app.sim!.ready;
  hand = await HandWrittenRobot.connect(app.brokerUrl, t.config.VDA_INTERFACE, HAND, 'HM-1', await robotLogin(app, HAND, 'HM-1'));
  // It does not answer the app's factsheet requests: nothing may publish after it closes.
  hand.reflect = false;
  await hand.online();
  const pose = { agvPosition: { x: 1, y: 1, theta: 0, mapId: 'warehouse-1', positionInitialized: true } };
  // One gap of two lost messages (headerId 3 and 4), then one message that fails the schema.
  for (const h of [0, 1, 2, 5]) await hand.publish('visualization', pose, { headerId: h });
  await hand.publish('visualization', { agvPosition: { ...pose.agvPosition, x: 'far' } });
  await hand.publishState({
    batteryState: { batteryCharge: 12, charging: false },
    errors: [{ errorType: 'bumper', errorLevel: 'WARNING' }],
  });
  await waitFor(
    '4 robots online with a battery reading, the hand-written one with its error',
    () =>
      // Online comes with the connection message, the battery with the first state: the histogram needs both.
      app.store.list().filter((r) => r.connection === 'ONLINE' && r.battery !== null).length === 4 &&
      app.store.list().some((r) => r.manufacturer === HAND && r.errors.length === 1 && r.battery === 12),
    20_000,
  );
  for (const r of app.store.list())
    if (r.manufacturer !== HAND) await waitFor(`factsheet of ${r.serialNumber}`, () => app.protocol.factsheet(r.id), 10_000);
}, 60_000);

afterAll(async () => {
  await hand?.close();
  await app?.stop();
  await cleanup?.();
});

async function run(type: IssueCommandInput['type'], robotId: number): Promise<CommandView> {
  const c = await app.commands.issue({ robotId, type }, { name: 'it-operator' });
  return waitFor(
    `command ${type} final`,
    async () => {
      const { command } = await app.commands.byId(c.id);
      return command.finishedAt !== null ? command : null;
    },
    20_000,
    100,
  );
}

async function scrape(): Promise<Parsed> {
  return parsePrometheus(await metrics.text());
}

const find = (p: Parsed, name: string, labels: Record<string, string> = {}) =>
  p.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
const value = (p: Parsed, name: string, labels: Record<string, string> = {}) => {
  const found = find(p, name, labels);
  expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return found[0]!.value;
};
const total = (p: Parsed, name: string, labels: Record<string, string> = {}) => find(p, name, labels).reduce((a, s) => a + s.value, 0);

/** Cumulative buckets ending in +Inf = _count, for every label set of a histogram. */
function expectHistogram(p: Parsed, name: string) {
  expect(p.types.get(name)).toBe('histogram');
  const counts = find(p, `${name}_count`);
  expect(counts.length).toBeGreaterThan(0);
  for (const c of counts) {
    const same = (s: Parsed['samples'][number]) =>
      Object.entries(c.labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(c.labels).length + 1;
    const buckets = find(p, `${name}_bucket`).filter(same);
    buckets.slice(1).forEach((b, i) => expect(b.value).toBeGreaterThanOrEqual(buckets[i]!.value));
    expect(buckets.at(-1)).toMatchObject({ labels: expect.objectContaining({ le: '+Inf' }), value: c.value });
  }
}

describe('GET /metrics: the fleet', () => {
  it('counts robots by connection and status, battery and errors', async () => {
    const p = await scrape();
    expect(p.types.get('fleetscope_robots')).toBe('gauge');
    expect(total(p, 'fleetscope_robots')).toBe(app.store.list().length);
    expect(total(p, 'fleetscope_robots', { connection: 'ONLINE' })).toBe(4);
    // Every (connection, status) pair is exported, zeros included.
    expect(find(p, 'fleetscope_robots')).toHaveLength(8);
    expect(value(p, 'fleetscope_robots', { connection: 'OFFLINE', status: 'offline' })).toBe(0);

    expectHistogram(p, 'fleetscope_robot_battery_percent');
    expect(value(p, 'fleetscope_robot_battery_percent_count')).toBe(4);
    expect(value(p, 'fleetscope_robot_battery_percent_bucket', { le: '10' })).toBe(0);
    expect(value(p, 'fleetscope_robot_battery_percent_bucket', { le: '15' })).toBeGreaterThanOrEqual(1);
    expect(value(p, 'fleetscope_robot_battery_percent_bucket', { le: '100' })).toBe(4);

    expect(p.types.get('fleetscope_robot_errors')).toBe('gauge');
    expect(value(p, 'fleetscope_robot_errors', { level: 'WARNING' })).toBeGreaterThanOrEqual(1);
    expect(value(p, 'fleetscope_robot_errors', { level: 'FATAL' })).toBe(0);
  });

  it('counts invalid and lost messages per manufacturer', async () => {
    const p = await scrape();
    for (const name of ['invalid_messages', 'lost_messages', 'header_gaps'])
      expect(p.types.get(`fleetscope_protocol_${name}_total`)).toBe('counter');
    expect(value(p, 'fleetscope_protocol_invalid_messages_total', { manufacturer: HAND })).toBe(1);
    expect(value(p, 'fleetscope_protocol_lost_messages_total', { manufacturer: HAND })).toBe(2);
    expect(value(p, 'fleetscope_protocol_header_gaps_total', { manufacturer: HAND })).toBe(1);
    expect(value(p, 'fleetscope_protocol_invalid_messages_total', { manufacturer: 'SimRobotics' })).toBe(0);
  });

  it('counts each finished command once, by type and final status, with its latency', async () => {
    const sim = app.store.list().find((r) => r.manufacturer !== HAND)!;
    const first = await run('stateRequest', sim.id);
    const second = await run('stateRequest', sim.id);
    const third = await run('factsheetRequest', sim.id);
    // Late changes still arrive (robot reports after the final status) and must not count again.
    await new Promise((r) => setTimeout(r, 500));
    const p = await scrape();
    expect(p.types.get('fleetscope_commands_total')).toBe('counter');
    expect(value(p, 'fleetscope_commands_total', { type: 'stateRequest', status: first.status })).toBe(
      first.status === second.status ? 2 : 1,
    );
    expect(value(p, 'fleetscope_commands_total', { type: 'factsheetRequest', status: third.status })).toBe(1);
    expect(total(p, 'fleetscope_commands_total')).toBe(3);
    expect(first.status).toBe('succeeded');

    expectHistogram(p, 'fleetscope_command_duration_seconds');
    expect(total(p, 'fleetscope_command_duration_seconds_count')).toBe(3);
    const seconds = (c: CommandView) => (c.finishedAt! - c.issuedAt) / 1000;
    expect(total(p, 'fleetscope_command_duration_seconds_sum')).toBeCloseTo(seconds(first) + seconds(second) + seconds(third), 3);

    expect(p.types.get('fleetscope_command_acknowledge_seconds')).toBe('histogram');
    const acked = [first, second, third].filter((c) => c.acknowledgedAt !== null).length;
    expect(total(p, 'fleetscope_command_acknowledge_seconds_count')).toBe(acked);

    // A second scrape later: the same counts (counters, not re-counted on each change or scrape).
    await new Promise((r) => setTimeout(r, 300));
    expect(total(await scrape(), 'fleetscope_commands_total')).toBe(3);
  });

  it('counts the broker refusals and the open alerts by severity', async () => {
    if (app.broker) {
      await expect(
        mqtt.connectAsync(app.brokerUrl, { username: 'nobody', password: 'wrong', reconnectPeriod: 0, connectTimeout: 5000 }),
      ).rejects.toThrow();
      // The broker thread reports its figures about once a second.
      await waitFor('refused connect reported', () => (app.broker!.auth()?.denied.connect ?? 0) >= 1, 5000);
      const p = await scrape();
      expect(p.types.get('fleetscope_broker_refusals_total')).toBe('counter');
      expect(value(p, 'fleetscope_broker_refusals_total', { action: 'connect' })).toBeGreaterThanOrEqual(1);
      expect(value(p, 'fleetscope_broker_refusals_total', { action: 'subscribe' })).toBe(0);
    }
    const p = await scrape();
    expect(p.types.get('fleetscope_alerts_open')).toBe('gauge');
    expect(value(p, 'fleetscope_alerts_open', { severity: 'critical' })).toBe(2);
    expect(value(p, 'fleetscope_alerts_open', { severity: 'info' })).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../domain/alerts/rule-catalogue';
import { defaultRules } from '../domain/alerts/rule-catalogue';
import type { CommandView } from '../domain/commands/command';
import { newEnvelope } from '../domain/envelope';
import type { FlowEdge } from '../domain/flow/topology';
import type { RobotView } from '../domain/robot';
import { newRobotView } from '../domain/robot-merge';
import { stateMessage } from '../domain/testing/fixtures';
import { SUBJECTS } from '../domain/telemetry';
import type { AlertObservation } from '../ports/alert-center';
import type { HealthReport } from '../ports/health';
import type { Logger } from '../ports/logger';
import type { EnvelopeHandler, MessageBus } from '../ports/message-bus';
import type { RobotProtocolStats } from '../ports/robot-protocol-reader';
import { createAlertEngine } from './alert-engine';

const T = 1_800_000_000_000;
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

function world() {
  const handlers = new Map<string, Set<EnvelopeHandler>>();
  const bus = {
    kind: 'fake',
    publish: (env) => {
      for (const h of handlers.get(env.subject) ?? []) void h(env);
    },
    subscribe(subject, h) {
      const set = handlers.get(subject) ?? new Set();
      handlers.set(subject, set.add(h));
      return { unsubscribe: () => set.delete(h) };
    },
    stats: () => ({ published: 0, delivered: 0, handlerErrors: 0, pending: 0 }),
    close: async () => {},
  } satisfies MessageBus;
  const robots = new Map<number, RobotView>();
  const put = (id: number, over: Partial<RobotView> = {}) =>
    robots.set(id, { ...newRobotView(id, 'sim', `SIM-000${id}`), connection: 'ONLINE', lastSeenAt: T, battery: 80, ...over });
  const protocol = new Map<number, Partial<RobotProtocolStats>>();
  const commandListeners: ((c: CommandView) => void)[] = [];
  const w = {
    bus,
    handlers,
    robots,
    put,
    protocol,
    rules: defaultRules(),
    observed: [] as { list: AlertObservation[]; now: number }[],
    edges: [] as Partial<FlowEdge>[],
    health: { status: 'ok', components: { database: { status: 'ok' }, mqtt: { status: 'ok' } } } as HealthReport,
    command: (c: Partial<CommandView>) => {
      for (const l of commandListeners)
        l({ id: 'c', robotId: 1, type: 'goTo', traceId: 'tr', outcome: null, updatedAt: T, ...c } as CommandView);
    },
  };
  const engine = createAlertEngine({
    bus,
    fleet: { list: () => [...robots.values()], get: (id) => robots.get(id) },
    protocol: { stats: (id) => protocol.get(id) as RobotProtocolStats | undefined },
    commands: { onChange: (l) => (commandListeners.push(l), () => {}) },
    flow: {
      graph: () => ({ at: T, windowSeconds: 10, sampleRate: 1, nodes: [], edges: w.edges as FlowEdge[] }),
      recentThrough: () => [
        { traceId: 'f'.repeat(32), kind: 'telemetry', robotId: null, subject: 's', startedAt: T, endedAt: T, hops: 2, outcome: 'ok' },
      ],
    },
    appHealth: async () => w.health,
    center: { rules: () => w.rules, observe: (list, now) => void w.observed.push({ list: [...list], now }) },
    clock: { now: () => T },
    logger: silent,
    timer: false,
  });
  const last = () => w.observed.at(-1)!.list;
  const find = (ruleId: string, key: string | number) =>
    last().filter((o) => o.ruleId === ruleId && (o.subject.kind === 'robot' ? o.subject.robotId === key : o.subject.key === key));
  return Object.assign(w, { engine, last, find });
}

const enableOnly = (rules: AlertRule[], ...ids: string[]) => rules.map((r) => ({ ...r, enabled: ids.includes(r.id) }));

describe('alert engine', () => {
  it('passes every verdict of one evaluation in one observe call, and nothing for a disabled rule', () => {
    const w = world();
    w.put(1, { battery: 15 });
    w.put(2);
    w.rules = w.rules.map((r) => (r.id === 'robot.offline' ? { ...r, enabled: false } : r));
    w.engine.evaluateOnce(T);
    expect(w.observed).toHaveLength(1);
    expect(w.find('robot.battery_low', 1)).toMatchObject([
      { active: true, severity: 'warning', title: 'SIM-0001 battery at 15 % (below 20 %)' },
    ]);
    expect(w.find('robot.battery_low', 2)).toEqual([
      { ruleId: 'robot.battery_low', subject: { kind: 'robot', robotId: 2 }, active: false },
    ]);
    expect(w.last().some((o) => o.ruleId === 'robot.offline')).toBe(false);
    expect(w.engine.stats()).toMatchObject({ ticks: 1, robotsTracked: 2, evaluationErrors: 0 });
  });

  it('learns e-stop and localisation from state messages on the bus', () => {
    const w = world();
    w.put(1);
    const message = stateMessage({ safetyState: { eStop: 'MANUAL', fieldViolation: false } });
    message.agvPosition = { x: 0, y: 0, theta: 0, mapId: 'm', positionInitialized: true, localizationScore: 0.2 };
    const payload = { robotId: 1, manufacturer: 'sim', serialNumber: 'SIM-0001', size: 1, topic: 'state', message };
    w.bus.publish(newEnvelope({ subject: SUBJECTS.state, source: 'test', producedAt: T, receivedAt: T, payload }));
    w.engine.evaluateOnce(T);
    expect(w.find('robot.emergency_stop', 1)).toMatchObject([
      { active: true, severity: 'critical', title: 'SIM-0001 emergency stop (MANUAL)' },
    ]);
    expect(w.find('robot.localization_low', 1)).toMatchObject([{ active: true }]);
    expect([...w.handlers.keys()]).toEqual([SUBJECTS.state]);
  });

  it("reports a driving robot as stuck once it has not moved for the rule's forSec", () => {
    const w = world();
    w.rules = enableOnly(w.rules, 'robot.stuck');
    const forMs = w.rules.find((r) => r.id === 'robot.stuck')!.forSec * 1000;
    w.put(1, { driving: true, pose: { x: 0, y: 0, theta: 0, mapId: 'm' } });
    w.engine.evaluateOnce(T);
    w.put(1, { driving: true, pose: { x: 1, y: 0, theta: 0, mapId: 'm' } });
    w.engine.evaluateOnce(T + 1000);
    expect(w.find('robot.stuck', 1)).toMatchObject([{ active: false }]);
    w.engine.evaluateOnce(T + 1000 + forMs - 1);
    expect(w.find('robot.stuck', 1)).toMatchObject([{ active: false }]);
    w.engine.evaluateOnce(T + 1000 + forMs);
    expect(w.find('robot.stuck', 1)).toMatchObject([{ active: true, detail: { since: T + 1000 } }]);
  });

  it('computes message rates from the protocol counters', () => {
    const w = world();
    w.rules = enableOnly(w.rules, 'protocol.invalid_rate');
    w.put(1);
    for (let s = 0; s <= 60; s++) {
      w.protocol.set(1, { received: { state: s * 2, visualization: s * 8 }, invalid: s * 2, lostMessages: 0 });
      w.engine.evaluateOnce(T + s * 1000);
    }
    expect(w.find('protocol.invalid_rate', 1)).toMatchObject([{ active: true, detail: { value: 20 } }]);
  });

  it('follows the command ledger: a failure fires with its trace, a later success clears', () => {
    const w = world();
    w.rules = enableOnly(w.rules, 'command.failed');
    w.put(1);
    w.engine.evaluateOnce(T);
    expect(w.last()).toEqual([]);
    w.command({ id: 'a', status: 'timed_out', finishedAt: T });
    w.engine.evaluateOnce(T);
    expect(w.find('command.failed', 1)).toMatchObject([{ active: true, traceId: 'tr' }]);
    w.command({ id: 'b', status: 'succeeded', finishedAt: T + 1 });
    w.engine.evaluateOnce(T);
    expect(w.find('command.failed', 1)).toMatchObject([{ active: false }]);
  });

  it('judges the app from its health and flow graph, and clears edges and robots that disappear', async () => {
    const w = world();
    w.rules = enableOnly(w.rules, 'app.database_down', 'app.broker_down', 'app.flow_edge_unhealthy', 'robot.battery_low');
    w.put(1);
    w.health = { status: 'down', components: { database: { status: 'down', error: 'gone' }, mqtt: { status: 'ok' } } };
    w.edges = [
      { source: 'a', target: 'b', p99Ms: 5000, drops: 0, msgsPerSec: 10 },
      { source: 'b', target: 'c', p99Ms: 3, drops: 0, msgsPerSec: 10 },
    ];
    w.engine.evaluateOnce(T);
    expect(w.last().filter((o) => o.subject.kind === 'app')).toEqual([]);
    await w.engine.refreshApp();
    w.engine.evaluateOnce(T + 1000);
    expect(w.find('app.database_down', 'database')).toMatchObject([{ active: true, title: 'Database down: gone' }]);
    expect(w.find('app.broker_down', 'broker')).toMatchObject([{ active: false }]);
    expect(w.find('app.flow_edge_unhealthy', 'edge:a→b')).toMatchObject([{ active: true, traceId: 'f'.repeat(32) }]);
    expect(w.find('app.flow_edge_unhealthy', 'edge:b→c')).toMatchObject([{ active: false }]);
    w.edges = [];
    w.robots.clear();
    await w.engine.refreshApp();
    w.engine.evaluateOnce(T + 2000);
    expect(w.find('app.flow_edge_unhealthy', 'edge:a→b')).toMatchObject([{ active: false }]);
    expect(w.find('robot.battery_low', 1)).toMatchObject([{ active: false }]);
    expect(w.engine.stats()).toMatchObject({ robotsTracked: 0, appPolls: 2 });
    w.engine.evaluateOnce(T + 3000);
    expect(w.find('robot.battery_low', 1)).toEqual([]);
  });

  it('counts a throwing condition and goes on with the other rules and robots', () => {
    const w = world();
    w.put(1, { errors: null as unknown as RobotView['errors'] });
    w.put(2, { battery: 5 });
    w.engine.evaluateOnce(T);
    expect(w.engine.stats().evaluationErrors).toBeGreaterThan(0);
    expect(w.find('robot.battery_low', 1)).toMatchObject([{ active: false }]);
    expect(w.find('robot.battery_low', 2)).toMatchObject([{ active: true, severity: 'critical' }]);
  });

  it('goes on with the other robots when a reader throws for one', () => {
    const w = world();
    w.put(1);
    w.put(2, { battery: 5 });
    w.protocol.set(
      1,
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('boom');
          },
        },
      ),
    );
    w.engine.evaluateOnce(T);
    expect(w.engine.stats().evaluationErrors).toBe(1);
    expect(w.find('robot.battery_low', 1)).toEqual([]);
    expect(w.find('robot.battery_low', 2)).toMatchObject([{ active: true }]);
  });

  it('stops listening when stopped', () => {
    const w = world();
    w.engine.stop();
    expect(w.handlers.get(SUBJECTS.state)?.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { RobotView } from '../../domain/robot';
import type { AppRuntime } from '../../runtime';
import type { FaultInjector } from '../../services/fault-injection';
import type { Fault, FaultKind } from '../../domain/faults';
import { createCaller } from '../root';

const view = (id: number, serialNumber: string): RobotView => ({
  id,
  manufacturer: 'acme',
  serialNumber,
  name: serialNumber,
  connection: 'ONLINE',
  pose: null,
  speed: 0,
  battery: null,
  charging: false,
  driving: false,
  paused: false,
  operatingMode: null,
  errors: [],
  orderId: null,
  lastNodeId: null,
  lastSeenAt: null,
  protocolVersion: null,
});

function fakeSim(): FaultInjector {
  const active = new Map<string, Fault[]>();
  return {
    robots: [{ manufacturer: 'acme', serialNumber: 'SIM-0001' }],
    injectFault: (s, f) => active.set(s, [...(active.get(s) ?? []).filter((x) => x.kind !== f.kind), f]),
    clearFault(s, kind?: FaultKind) {
      const all = active.get(s) ?? [];
      active.set(s, kind ? all.filter((f) => f.kind !== kind) : []);
      return kind ? all.filter((f) => f.kind === kind) : all;
    },
    faults: () => Object.fromEntries([...active].filter(([, l]) => l.length > 0)),
  };
}

/** A runtime part this router must not touch: any use fails the test with its name. */
const notWired = <T extends object>(name: string, has: Partial<T> = {}): T =>
  new Proxy(has as T, {
    get: (target, key) => {
      if (key in target) return target[key as keyof T];
      throw new Error(`${name}.${String(key)} is not wired in this test`);
    },
  });

function caller(sim: FaultInjector | null) {
  const robots = [view(1, 'SIM-0001'), view(2, 'REAL-7')];
  const runtime: AppRuntime = {
    fleet: { list: () => robots, get: (id) => robots.find((r) => r.id === id) },
    map: {} as AppRuntime['map'],
    health: async () => ({ status: 'ok', components: {} }),
    sim,
    protocol: notWired('protocol'),
    commands: notWired('commands'),
    flow: null,
    identity: notWired('identity'),
    audit: notWired<AppRuntime['audit']>('audit', { record: () => {} }),
    credentials: notWired('credentials'),
    alerts: notWired('alerts'),
    history: notWired('history'),
    incidents: notWired('incidents'),
    zones: notWired('zones'),
  };
  // A QA engineer signed in as operator (the router's role checks are covered by the deny matrix).
  const principal = {
    userId: '00000000-0000-4000-8000-000000000001',
    email: 'qa@test.local',
    name: 'QA',
    role: 'operator' as const,
    sessionId: 'test',
  };
  return createCaller({ runtime, principal, address: '127.0.0.1' });
}

describe('sim router', () => {
  it('injects, lists and clears faults of a simulated robot', async () => {
    const c = caller(fakeSim());
    await c.sim.injectFault({ robotId: 1, fault: { kind: 'malformed', share: 1 } });
    expect(await c.sim.faults()).toEqual({
      simulator: true,
      robots: [{ robotId: 1, serialNumber: 'SIM-0001', faults: [{ kind: 'malformed', share: 1 }] }],
    });
    expect((await c.sim.clearFault({ robotId: 1, kind: 'malformed' })).cleared).toEqual([{ kind: 'malformed', share: 1 }]);
    expect((await c.sim.faults({ robotId: 2 })).robots).toEqual([]);
  });

  it('maps refusals to tRPC codes with actionable messages', async () => {
    const c = caller(fakeSim());
    await expect(c.sim.injectFault({ robotId: 9, fault: { kind: 'die' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(c.sim.injectFault({ robotId: 2, fault: { kind: 'die' } })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/not simulated/),
    });
    await expect(c.sim.injectFault({ robotId: 1, fault: { kind: 'drop', share: 2 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(c.sim.injectFault({ robotId: 1, fault: { kind: 'delay', ms: 20_000 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const none = caller(null);
    await expect(none.sim.clearFault({ robotId: 1 })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/SIM_ROBOTS=0/),
    });
    expect(await none.sim.faults()).toEqual({ simulator: false, robots: [] });
  });
});

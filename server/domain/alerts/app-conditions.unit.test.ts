import { describe, expect, it } from 'vitest';
import { brokerDown, databaseDown, edgeUnhealthy, ingestBacklog, ingestBacklogGrowing, type EdgeFacts } from './app-conditions';
import { defaultRule } from './rule-catalogue';

describe('database and broker down', () => {
  it('are unknown before the first health answer, or without the component', () => {
    expect(databaseDown(defaultRule('app.database_down'), { components: null, backlog: null })).toBeNull();
    expect(brokerDown(defaultRule('app.broker_down'), { components: { database: { status: 'ok' } }, backlog: null })).toBeNull();
  });

  it('fire, critical, when the component is down, and only then', () => {
    const components = {
      database: { status: 'down', kind: 'postgres', error: 'no answer within 2000 ms' },
      mqtt: { status: 'down', url: 'mqtt://x', lastError: 'ECONNREFUSED' },
    };
    expect(databaseDown(defaultRule('app.database_down'), { components, backlog: null })).toMatchObject({
      active: true,
      severity: 'critical',
      title: 'Database down: no answer within 2000 ms',
    });
    expect(brokerDown(defaultRule('app.broker_down'), { components, backlog: null })).toMatchObject({
      active: true,
      title: 'MQTT broker unreachable: ECONNREFUSED',
    });
    const degraded = { database: { status: 'degraded' }, mqtt: { status: 'ok' } };
    expect(databaseDown(defaultRule('app.database_down'), { components: degraded, backlog: null })).toEqual({ active: false });
    expect(brokerDown(defaultRule('app.broker_down'), { components: degraded, backlog: null })).toEqual({ active: false });
  });
});

describe('ingest backlog', () => {
  const rule = defaultRule('app.ingest_backlog');
  it('reads the buffered samples and events of the ingest component', () => {
    expect(ingestBacklog(undefined)).toBeNull();
    expect(ingestBacklog({ status: 'ok', eventsBuffered: 1200 }, { status: 'ok', bufferedSlices: 40 })).toBe(1240);
    expect(ingestBacklog(undefined, { status: 'ok', bufferedSlices: 7 })).toBe(7);
  });

  it('fires above the threshold while not draining', () => {
    const at = (value: number, previous: number | null) => ingestBacklogGrowing(rule, { components: {}, backlog: { value, previous } });
    expect(at(6000, null)).toEqual({ active: false });
    expect(at(6000, 5500)).toMatchObject({ active: true, title: 'Ingest backlog 6000 messages and growing (threshold 5000)' });
    expect(at(6000, 6000)).toMatchObject({ active: true });
    expect(at(6000, 7000)).toEqual({ active: false });
    expect(at(4000, 1000)).toEqual({ active: false });
  });
});

describe('data-flow edge', () => {
  const rule = defaultRule('app.flow_edge_unhealthy');
  const edge = (over: Partial<EdgeFacts>): EdgeFacts => ({
    source: 'gateway:vda5050',
    target: 'subject:robot.state',
    p99Ms: 12,
    drops: 0,
    messages: 100,
    windowSeconds: 10,
    traceId: null,
    ...over,
  });

  it('is clear when fast and lossless, or idle', () => {
    expect(edgeUnhealthy(rule, edge({}))).toEqual({ active: false });
    expect(edgeUnhealthy(rule, edge({ p99Ms: null, messages: 0 }))).toEqual({ active: false });
  });

  it('fires on a slow p99 or any drop in the window', () => {
    expect(edgeUnhealthy(rule, edge({ p99Ms: 1500, traceId: 'ab' }))).toMatchObject({
      active: true,
      title: 'Data flow gateway:vda5050 → subject:robot.state: p99 1500 ms (threshold 1000 ms) in the last 10 s',
      traceId: 'ab',
    });
    expect(edgeUnhealthy(rule, edge({ drops: 3 }))).toMatchObject({ active: true, detail: { drops: 3 } });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessBus } from '../../adapters/bus/in-process';
import { robotKeyOfTopic } from '../../adapters/gateways/vda5050-mqtt/inbound';
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { MAX_OUTBOUND_PAYLOAD_BYTES } from '../../domain/cluster/outbound-message';
import { createOwnership } from '../../domain/cluster/robot-owner';
import { newEnvelope } from '../../domain/envelope';
import { BusNotConnectedError, CommandRefusedError, GatewayNotConnectedError } from '../../domain/vda5050/command-errors';
import type { Logger } from '../../ports/logger';
import type { BusStats, MessageBus } from '../../ports/message-bus';
import { createBusOutbound, relayOutboundToMqtt } from './outbound-relay';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silent };
const IFACE = 'uagv';
const clock = { now: () => 1000 };
const topicOf = (serial: string, sub = 'order', version = 'v2') => `${IFACE}/${version}/Acme/${serial}/${sub}`;

type Sent = { robotId: number; topic: string; payload: string };
function gatewayNode(bus: MessageBus, owns: (key: string) => boolean, publish?: (s: Sent) => void) {
  const sent: Sent[] = [];
  const relay = relayOutboundToMqtt({
    bus,
    owns,
    iface: IFACE,
    logger: silent,
    publish: (robotId, topic, payload) => {
      publish?.({ robotId, topic, payload });
      sent.push({ robotId, topic, payload });
    },
  });
  return { sent, relay };
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
  vi.useRealTimers();
});

describe('bus outbound → relay to MQTT', () => {
  it('a command from a node without a gateway reaches exactly the owning gateway, for every robot', () => {
    const bus = createInProcessBus();
    // Two gateways splitting robots by rendezvous hashing, as the cluster does.
    const a = createOwnership('gw-a');
    const b = createOwnership('gw-b');
    a.setGateways(['gw-a', 'gw-b']);
    b.setGateways(['gw-a', 'gw-b']);
    const gwA = gatewayNode(bus, (k) => a.owns(k));
    const gwB = gatewayNode(bus, (k) => b.owns(k));
    const out = createBusOutbound({ bus, node: 'web-1', clock });
    stops.push(out.stop, gwA.relay.stop, gwB.relay.stop);

    const serials = Array.from({ length: 40 }, (_, i) => `AGV-${i}`);
    serials.forEach((s, i) => out.publish(i + 1, topicOf(s, i % 2 ? 'instantActions' : 'order'), `{"n":${i}}`));

    expect(gwA.sent.length + gwB.sent.length).toBe(40);
    expect(gwA.sent.length).toBeGreaterThan(0);
    expect(gwB.sent.length).toBeGreaterThan(0);
    for (const m of gwA.sent) expect(a.owns(robotKeyOfTopic(m.topic.replace(/[^/]+$/, 'state')))).toBe(true);
    for (const m of gwB.sent) expect(b.owns(robotKeyOfTopic(m.topic.replace(/[^/]+$/, 'state')))).toBe(true);
    // What arrives is what was written, byte for byte.
    const all = [...gwA.sent, ...gwB.sent].sort((x, y) => x.robotId - y.robotId);
    expect(all[3]).toEqual({ robotId: 4, topic: topicOf('AGV-3', 'instantActions'), payload: '{"n":3}' });
    expect(out.stats()).toEqual({ sent: 40, refused: 0, reconnects: 0 });
    expect(gwA.relay.stats().otherGateways).toBe(gwB.sent.length);
    expect(gwA.relay.stats()).toMatchObject({ received: 40, relayed: gwA.sent.length, invalid: 0 });
  });

  it('relays 3.0 topics (zoneSet, responses) and calls onRelayed', () => {
    const bus = createInProcessBus();
    const relayed: string[] = [];
    const relay = relayOutboundToMqtt({
      bus,
      owns: () => true,
      iface: IFACE,
      logger: silent,
      publish: () => {},
      onRelayed: (m) => relayed.push(m.topic),
    });
    const out = createBusOutbound({ bus, node: 'web-1', clock });
    stops.push(out.stop, relay.stop);
    out.publish(1, topicOf('R1', 'zoneSet', 'v3'), '{}');
    out.publish(1, topicOf('R1', 'responses', 'v3'), '{}');
    expect(relayed).toEqual([topicOf('R1', 'zoneSet', 'v3'), topicOf('R1', 'responses', 'v3')]);
  });

  it('counts malformed messages and never throws on them', () => {
    const bus = createInProcessBus();
    const warn = vi.fn();
    const logger: Logger = { ...silent, warn, child: () => logger };
    const sent: Sent[] = [];
    const relay = relayOutboundToMqtt({
      bus,
      owns: () => true,
      iface: IFACE,
      logger,
      publish: (robotId, topic, payload) => void sent.push({ robotId, topic, payload }),
    });
    stops.push(relay.stop);
    const bad: unknown[] = [
      null,
      'text',
      { robotId: 0, topic: topicOf('R1'), payload: '{}' },
      { robotId: 1.5, topic: topicOf('R1'), payload: '{}' },
      { robotId: '1', topic: topicOf('R1'), payload: '{}' },
      { robotId: 1, topic: 42, payload: '{}' },
      { robotId: 1, topic: `other/v2/Acme/R1/order`, payload: '{}' },
      { robotId: 1, topic: topicOf('R1', 'state'), payload: '{}' },
      { robotId: 1, topic: `${IFACE}/v2/Acme/order`, payload: '{}' },
      { robotId: 1, topic: `${IFACE}/v2/Ac#me/R1/order`, payload: '{}' },
      { robotId: 1, topic: topicOf('R1'), payload: { headerId: 1 } },
      { robotId: 1, topic: topicOf('R1'), payload: 'x'.repeat(MAX_OUTBOUND_PAYLOAD_BYTES + 1) },
      { robotId: 1, topic: topicOf('R1'), payload: 'é'.repeat(MAX_OUTBOUND_PAYLOAD_BYTES / 2 + 1) },
      { robotId: 1, topic: topicOf('R1'), payload: '{}', node: 7 },
    ];
    for (const payload of bad)
      expect(() =>
        bus.publish(newEnvelope({ subject: CLUSTER_SUBJECTS.outbound, source: 'test', producedAt: 0, receivedAt: 0, payload })),
      ).not.toThrow();
    expect(sent).toEqual([]);
    expect(relay.stats()).toMatchObject({ received: bad.length, invalid: bad.length, relayed: 0 });
    expect(bus.stats().handlerErrors).toBe(0);
    expect(warn).toHaveBeenCalled();
    // At the limit exactly, it goes.
    bus.publish(
      newEnvelope({
        subject: CLUSTER_SUBJECTS.outbound,
        source: 'test',
        producedAt: 0,
        receivedAt: 0,
        payload: { robotId: 1, topic: topicOf('R1'), payload: 'x'.repeat(MAX_OUTBOUND_PAYLOAD_BYTES) },
      }),
    );
    expect(sent).toHaveLength(1);
  });

  it('counts a gateway that cannot send (no MQTT client) and keeps relaying', () => {
    const bus = createInProcessBus();
    let up = false;
    const gw = gatewayNode(
      bus,
      () => true,
      ({ robotId }) => {
        if (!up) throw new GatewayNotConnectedError(robotId);
      },
    );
    const out = createBusOutbound({ bus, node: 'web-1', clock });
    stops.push(out.stop, gw.relay.stop);
    out.publish(1, topicOf('R1'), '{}');
    up = true;
    out.publish(1, topicOf('R1'), '{}');
    expect(gw.relay.stats()).toMatchObject({ received: 2, notConnected: 1, relayed: 1, failed: 0 });
    expect(bus.stats().handlerErrors).toBe(0);
  });
});

function stubBus(): MessageBus & { set(s: Partial<BusStats>): void; published: number } {
  let s: BusStats = { published: 0, delivered: 0, handlerErrors: 0, pending: 0, connected: true, closed: false };
  const bus = {
    kind: 'stub',
    published: 0,
    publish() {
      if (s.closed) throw new Error('bus is closed');
      bus.published++;
    },
    subscribe: () => ({ unsubscribe() {} }),
    stats: () => s,
    close: async () => {},
    set(next: Partial<BusStats>) {
      s = { ...s, ...next };
    },
  };
  return bus;
}

describe('createBusOutbound link', () => {
  it('is down while the bus is disconnected or closed, and a publish on a closed bus is refused with a command refusal', async () => {
    const bus = createInProcessBus();
    const out = createBusOutbound({ bus, node: 'web-1', clock });
    stops.push(out.stop);
    expect(out.link.connected()).toBe(true);
    await bus.close();
    expect(out.link.connected()).toBe(false);
    let err: unknown;
    try {
      out.publish(7, topicOf('R7'), '{}');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BusNotConnectedError);
    expect(err).toBeInstanceOf(CommandRefusedError);
    expect((err as Error).message).toMatch(/robot 7/);
    expect(out.stats()).toMatchObject({ sent: 0, refused: 1 });

    const stub = stubBus();
    const o2 = createBusOutbound({ bus: stub, node: 'web-1', clock });
    stops.push(o2.stop);
    stub.set({ connected: false });
    expect(o2.link.connected()).toBe(false);
    // A NATS bus that is reconnecting still takes messages (the client buffers them): not a refusal.
    o2.publish(1, topicOf('R1'), '{}');
    expect(o2.stats().sent).toBe(1);
  });

  it('fires onConnect when the bus comes back, once per reconnection, and not after stop or unsubscribe', () => {
    vi.useFakeTimers();
    const bus = stubBus();
    const out = createBusOutbound({ bus, node: 'web-1', clock, pollMs: 500 });
    const heard: string[] = [];
    const offA = out.link.onConnect(() => heard.push('a'));
    out.link.onConnect(() => {
      throw new Error('listener bug');
    });
    out.link.onConnect(() => heard.push('c'));

    vi.advanceTimersByTime(1500);
    expect(heard).toEqual([]);
    bus.set({ connected: false });
    vi.advanceTimersByTime(500);
    expect(heard).toEqual([]);
    bus.set({ connected: true });
    vi.advanceTimersByTime(500);
    expect(heard).toEqual(['a', 'c']);
    vi.advanceTimersByTime(2000);
    expect(heard).toEqual(['a', 'c']);
    expect(out.stats().reconnects).toBe(1);

    offA();
    bus.set({ connected: false });
    vi.advanceTimersByTime(500);
    bus.set({ connected: true });
    vi.advanceTimersByTime(500);
    expect(heard).toEqual(['a', 'c', 'c']);

    out.stop();
    bus.set({ connected: false });
    vi.advanceTimersByTime(500);
    bus.set({ connected: true });
    vi.advanceTimersByTime(500);
    expect(heard).toEqual(['a', 'c', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });
});

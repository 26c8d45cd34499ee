// Messages for robots from processes without an MQTT gateway (roles without `gateway`, e.g. `web,control`): the
// commander's writer hands them to the bus (createBusOutbound) instead of an MQTT client, and on every gateway
// process a relay (relayOutboundToMqtt) sends on those for the robots its gateway owns. At QoS 0 as any command:
// the commander resends until the robot's state reflects the message, so one lost hop costs a resend, no more.
// A gateway process sends through its own gateway and has no bus outbound; if it had one, its relay would take
// its own messages like anyone's and send them to MQTT once (the relay only ever publishes to MQTT, never the bus).
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { type OutboundMessage, outboundMessageOf } from '../../domain/cluster/outbound-message';
import { newEnvelope } from '../../domain/envelope';
import { createThrottle } from '../../domain/log-bounds';
import { BusNotConnectedError, GatewayNotConnectedError } from '../../domain/vda5050/command-errors';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { MessageBus } from '../../ports/message-bus';

const SUBJECT = CLUSTER_SUBJECTS.outbound;

/** The link messages leave on, as the commander's delivery tracker reads it (structurally its DeliveryLink). */
export interface OutboundLink {
  connected(): boolean;
  /** Calls `listener` on every (re)connection; returns the unsubscribe. */
  onConnect(listener: () => void): () => void;
}

export interface BusOutbound {
  /** What the outbound writer calls instead of the gateway's publish; throws BusNotConnectedError on a closed bus. */
  publish(robotId: number, topic: string, payload: string): void;
  /** Up while the bus is connected and open. */
  link: OutboundLink;
  stats(): { sent: number; refused: number; reconnects: number };
  stop(): void;
}

/** For a process without a gateway: its robot messages go on the bus, for the gateway that owns each robot. */
export function createBusOutbound(deps: { bus: MessageBus; node: string; clock: Clock; pollMs?: number }): BusOutbound {
  const { bus, node } = deps;
  const counts = { sent: 0, refused: 0, reconnects: 0 };
  const listeners = new Set<() => void>();
  const connected = () => {
    const s = bus.stats();
    return s.connected !== false && s.closed !== true;
  };

  // The bus reports its connection by state, not by event: watched every `pollMs` while this outbound lives.
  let was = connected();
  const timer = setInterval(() => {
    const now = connected();
    if (now && !was) {
      counts.reconnects++;
      for (const l of [...listeners]) {
        try {
          l();
        } catch {
          // A listener's failure is its own; the others still hear of the reconnection.
        }
      }
    }
    was = now;
  }, deps.pollMs ?? 500);
  timer.unref();

  return {
    publish(robotId, topic, payload) {
      const at = deps.clock.now();
      const message: OutboundMessage = { robotId, topic, payload, node };
      try {
        bus.publish(
          newEnvelope({ subject: SUBJECT, source: `cluster:outbound:${node}`, producedAt: at, receivedAt: at, payload: message }),
        );
      } catch {
        counts.refused++;
        throw new BusNotConnectedError(robotId);
      }
      counts.sent++;
    },
    link: {
      connected,
      onConnect(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    stats: () => ({ ...counts }),
    stop() {
      clearInterval(timer);
      listeners.clear();
    },
  };
}

export interface OutboundRelayStats {
  received: number;
  /** Handed to this process's gateway. */
  relayed: number;
  /** For robots another gateway owns: left to it. */
  otherGateways: number;
  /** Malformed: dropped. */
  invalid: number;
  /** The gateway had no MQTT client (not started, or stopping): dropped, the commander resends. */
  notConnected: number;
  /** The gateway's publish failed otherwise: dropped. */
  failed: number;
}

export interface OutboundRelay {
  stats(): OutboundRelayStats;
  stop(): void;
}

/** For a gateway process: sends on the bus's robot messages for the robots this gateway owns. */
export function relayOutboundToMqtt(deps: {
  bus: MessageBus;
  /** Whether this process's gateway owns the robot, by its key `<manufacturer>/<serialNumber>` (Ownership.owns). */
  owns: (robotKey: string) => boolean;
  /** The gateway's publish. */
  publish: (robotId: number, topic: string, payload: string) => void;
  /** VDA_INTERFACE: the first segment of every topic relayed. */
  iface: string;
  logger: Logger;
  onRelayed?: (m: OutboundMessage) => void;
}): OutboundRelay {
  const log = deps.logger.child({ component: 'cluster:outbound-relay' });
  const counts: OutboundRelayStats = { received: 0, relayed: 0, otherGateways: 0, invalid: 0, notConnected: 0, failed: 0 };
  const throttle = createThrottle();

  const sub = deps.bus.subscribe(
    SUBJECT,
    (env) => {
      counts.received++;
      const parsed = outboundMessageOf(env.payload, deps.iface);
      if ('invalid' in parsed) {
        counts.invalid++;
        if (throttle(`invalid:${parsed.invalid}`))
          log.warn({ source: env.source, reason: parsed.invalid, count: counts.invalid }, 'outbound message refused');
        return;
      }
      const m = parsed.message;
      if (!deps.owns(parsed.key)) return void counts.otherGateways++;
      try {
        deps.publish(m.robotId, m.topic, m.payload);
      } catch (err) {
        const down = err instanceof GatewayNotConnectedError;
        if (down) counts.notConnected++;
        else counts.failed++;
        if (throttle(down ? 'not-connected' : 'failed'))
          log.warn({ robotId: m.robotId, topic: m.topic, err: (err as Error).message }, 'outbound message not sent');
        return;
      }
      counts.relayed++;
      deps.onRelayed?.(m);
    },
    { name: 'outbound-relay', delivery: 'every-node' },
  );

  return {
    stats: () => ({ ...counts }),
    stop: () => sub.unsubscribe(),
  };
}

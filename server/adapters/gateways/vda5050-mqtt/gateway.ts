// VDA 5050 over MQTT → message bus. Subscribes to every robot's state, visualization, connection and factsheet,
// decodes and validates each message, registers unknown robots on first contact and publishes envelopes.
import { disableNagle } from '../../../protocol/mqtt-no-delay';
import mqtt, { type MqttClient } from 'mqtt';
import { BoundedMap } from '../../../domain/bounded-map';
import { newEnvelope } from '../../../domain/envelope';
import { robotKey } from '../../../domain/robot';
import { SUBJECTS, type RobotTelemetry } from '../../../domain/telemetry';
import { GatewayNotConnectedError } from '../../../domain/vda5050/command-errors';
import { ROBOT_TOPICS, parseVdaTopic } from '../../../domain/vda5050/messages';
import { createThrottle, truncateText } from '../../../domain/log-bounds';
import type { Logger } from '../../../ports/logger';
import type { Clock } from '../../../ports/clock';
import type { MessageBus } from '../../../ports/message-bus';
import type { GatewayHealth, RobotGateway } from '../../../ports/robot-gateway';
import type { RobotAdmission } from '../../../services/robot-admission';
import type { RobotRegistry } from '../../../services/robot-registry';
import type { FlowRecorder } from '../../../services/flow/flow-recorder';
import type { DeliveryLink } from './delivery-tracker';
import { createGatewayTracing, type RxTrace } from './gateway-tracing';
import { decodeRobotMessage, robotKeyOfTopic } from './inbound';
import type { Observed } from '../../../domain/vda5050/conformance';
import { rejectedHeaderId } from './rejected-header-id';
import { createProtocolMonitor, type ProtocolMonitor, type ProtocolMonitorOptions } from './protocol-monitor';
import { BROKER_SYS_TOPICS, type BrokerDropFigures, createBrokerDrops } from './broker-drops';
import type { SchemaValidator } from '../../../protocol/schema-validator';

export interface Vda5050GatewayDeps {
  brokerUrl: string;
  iface: string;
  bus: MessageBus;
  registry: RobotRegistry;
  validator: SchemaValidator;
  clock: Clock;
  logger: Logger;
  clientOptions?: mqtt.IClientOptions;
  monitor?: ProtocolMonitorOptions;
  /** Registration of new robots (for its figures in health); the registry applies it. */
  admission?: RobotAdmission;
  /** Data-flow metering and sampling; absent → no tracing at all. */
  tracer?: FlowRecorder;
  /**
   * With several gateways on one broker (a cluster): whether this one handles the robot (`<manufacturer>/<serial>`);
   * the others' robots are skipped before decoding and counted as `otherGateways`. Absent: every robot.
   */
  owns?: (robotKey: string) => boolean;
}

/** Undecodable payloads are kept in the inspector as the start of their text. */
const RAW_PREVIEW_CHARS = 2048;

const MAX_WAITING = 10_000;
/** Messages waiting for registrations over all robots (a database outage while a fleet joins). */
const MAX_WAITING_TOTAL = 100_000;
/** Robots whose invalid messages are counted one by one; past it the least recently seen are evicted (counted). */
const MAX_INVALID_ROBOTS = 1000;
/** Robots listed in health's invalidByRobot (the most refused); the rest are in the totals. */
const HEALTH_INVALID_ROBOTS = 20;
/** A topic quoted in a log line or a trace hop, at most (made-up topics can be very long). */
const TOPIC_QUOTE_CHARS = 200;
/** After an unexpected error in the message handler the gateway reports degraded this long (the count stays). */
const HANDLER_ERROR_DEGRADES_MS = 10 * 60_000;

type Ok = Extract<ReturnType<typeof decodeRobotMessage>, { ok: true }>;
type Waiting = { d: Ok; receivedAt: number; rx: RxTrace | null };

/** The broker's drop counter in health, when it was last reported, and reports that were not a counter. */
const brokerFigures = (f: BrokerDropFigures) => ({
  brokerDropped: f.dropped,
  brokerDroppedAt: f.at,
  brokerDropReportsRefused: f.refused,
});

/** The `n` robots with the most invalid messages: health stays small whatever robots send. */
function mostInvalid(m: BoundedMap<string, { count: number; lastReason: string }>, n: number): GatewayHealth['invalidByRobot'] {
  const top = [...m.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, n);
  return Object.fromEntries(top.map(([k, v]) => [k, { ...v }]));
}

export interface Vda5050Gateway extends RobotGateway {
  /** Every robot's conversation (counters, recent messages both ways) for the protocol inspector. */
  readonly monitor: ProtocolMonitor;
  /** Hands in a message as if the broker had delivered it: the in-process hot-path bench measures the app without a broker. */
  receive(topic: string, payload: Buffer, packet: { retain?: boolean }): void;
  /** Whether the MQTT client is connected, and a call on each (re)connection (the commander's resends wait for it). */
  readonly link: DeliveryLink;
}

export function createVda5050Gateway(deps: Vda5050GatewayDeps): Vda5050Gateway {
  const log = deps.logger.child({ component: 'gateway:vda5050-mqtt' });
  const shouldLog = createThrottle();
  let client: MqttClient | null = null;
  const connectListeners = new Set<() => void>();
  const h = {
    connected: false,
    received: 0,
    accepted: 0,
    invalid: 0,
    unknownTopics: 0,
    refusedIdentities: 0,
    refusedRegistrations: 0,
    reconnects: 0,
    droppedWhileRegistering: 0,
    ignored: 0,
    otherGateways: 0,
    handlerErrors: 0,
    lastHandlerErrorAt: null as number | null,
    lastError: null as string | null,
  };
  const invalidByRobot = new BoundedMap<string, { count: number; lastReason: string }>(MAX_INVALID_ROBOTS);
  /** Messages of robots whose registration is in flight, kept in arrival order. */
  const waiting = new Map<string, Waiting[]>();
  let waitingTotal = 0;
  const doneWaiting = (key: string, q: Waiting[]) => {
    waiting.delete(key);
    waitingTotal -= q.length;
  };
  const monitor = createProtocolMonitor(deps.monitor);
  const brokerDrops = createBrokerDrops();
  const tracing = createGatewayTracing(deps.tracer, 'vda5050-mqtt');

  const publish = (robotId: number, d: Ok, receivedAt: number, rx: RxTrace | null) => {
    const payload = {
      topic: d.msg.topic,
      message: d.msg.message,
      robotId,
      manufacturer: d.manufacturer,
      serialNumber: d.serialNumber,
      size: d.size,
    } as RobotTelemetry;
    const env = newEnvelope({
      subject: SUBJECTS[d.msg.topic],
      source: 'gateway:vda5050-mqtt',
      producedAt: d.producedAt,
      receivedAt,
      payload,
      sampled: rx !== null,
    });
    if (rx) tracing.published(env, d.manufacturer, d.msg.topic, d.size, rx);
    deps.bus.publish(env);
    h.accepted++;
  };

  /**
   * mqtt.js calls this inside its packet stream: anything thrown here escaped as an uncaught exception and the
   * client received nothing more until a keepalive timeout (issue 12, chaos mqtt-fuzz: a stack overflow on a
   * deeply nested payload). So nothing leaves it: an unexpected error is counted, logged, and the next message
   * is handled as usual.
   */
  const onMessage = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
    try {
      // The broker's own figures, not a robot's message (a client cannot publish under $SYS).
      if (topic.startsWith('$SYS/')) return void brokerDrops.observe(topic, payload, deps.clock.now());
      handle(topic, payload, packet);
    } catch (err) {
      h.handlerErrors++;
      h.lastHandlerErrorAt = deps.clock.now();
      const message = err instanceof Error ? err.message : String(err);
      h.lastError = truncateText(`message handler failed: ${message}`, 500);
      if (shouldLog(`handler:${message}`))
        log.error(
          {
            err: message,
            stack: (err as Error)?.stack,
            topic: truncateText(topic, TOPIC_QUOTE_CHARS),
            bytes: payload?.length,
            count: h.handlerErrors,
          },
          'robot message handler failed; message dropped, carrying on',
        );
    }
  };

  const handle = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
    h.received++;
    if (deps.owns && !deps.owns(robotKeyOfTopic(topic))) return void h.otherGateways++;
    const receivedAt = deps.clock.now();
    const t0 = tracing.rxStart();
    const retained = packet.retain === true;
    const d = decodeRobotMessage(topic, payload, deps.validator);
    if (d.ok === 'ignored') return void h.ignored++;
    if (d.ok === false) {
      h.invalid++;
      if (d.identity) h.refusedIdentities++;
      else if (!d.robot) h.unknownTopics++;
      const key = d.robot
        ? robotKey(d.robot.manufacturer, d.robot.serialNumber)
        : d.identity
          ? '(refused robot identity)'
          : '(unknown topic)';
      const quoted = truncateText(topic, TOPIC_QUOTE_CHARS);
      if (d.robot) {
        monitor.recordInbound(key, {
          topic: parseVdaTopic(topic)?.topic ?? topic,
          headerId: rejectedHeaderId(d.json, payload, d.path),
          at: receivedAt,
          size: payload.length,
          retained,
          payload: d.json ?? payload.subarray(0, RAW_PREVIEW_CHARS).toString('utf8'),
          violation: { path: d.path ?? '', reason: d.reason },
        });
      }
      const reason = truncateText(d.path ? `${d.reason} at ${d.path}` : d.reason, 500);
      tracing.rejected(quoted, d.robot?.manufacturer ?? null, payload.length, t0, reason);
      const entry = invalidByRobot.getOrCreate(key, () => ({ count: 0, lastReason: '' }));
      entry.count++;
      entry.lastReason = reason;
      if (shouldLog(key)) log.warn({ robot: key, topic: quoted, reason, count: entry.count }, 'invalid robot message rejected');
      return;
    }
    const key = robotKey(d.manufacturer, d.serialNumber);
    const m = d.msg;
    const rx = tracing.accepted(d.manufacturer, m.topic, d.size, d.producedAt, receivedAt, t0);
    const lost = monitor.recordInbound(key, {
      topic: m.topic,
      headerId: m.message.headerId,
      at: receivedAt,
      size: d.size,
      retained,
      text: d.text,
      version: m.message.version,
      online: m.topic === 'connection' && m.message.connectionState === 'ONLINE',
      // The behaviour rules read states, connections and factsheets; visualization (10 Hz) only its headerId.
      ...(m.topic !== 'visualization' && {
        model: { direction: 'in', topic: m.topic, headerId: m.message.headerId, at: receivedAt, message: m.message } as Observed,
      }),
    });
    if (lost > 0) tracing.lost(d.manufacturer, m.topic, lost);
    const queue = waiting.get(key);
    if (queue) return void enqueue(queue, { d, receivedAt, rx });
    const id = deps.registry.resolve(d.manufacturer, d.serialNumber, d.msg.message.version);
    if (typeof id === 'number') return publish(id, d, receivedAt, rx);
    if (!(id instanceof Promise)) {
      // Not registered (rate or per-login cap): the message is dropped, counted; a later one may register it.
      h.refusedRegistrations++;
      if (shouldLog(`refused:${d.manufacturer}`))
        log.warn({ robot: key, reason: id.refused, refused: h.refusedRegistrations }, 'new robot not registered');
      return;
    }
    const q = [{ d, receivedAt, rx }];
    waiting.set(key, q);
    waitingTotal++;
    register(key, d, id, q, 0);
  };

  /** Holds a robot's messages in order while it is being registered; bounded, the oldest go first (counted). */
  const enqueue = (q: Waiting[], m: Waiting) => {
    q.push(m);
    if (q.length > MAX_WAITING || waitingTotal >= MAX_WAITING_TOTAL) {
      q.shift();
      h.droppedWhileRegistering++;
    } else waitingTotal++;
  };

  /** Registration retries with back-off (e.g. while the database is down) instead of dropping what waits. */
  const register = (key: string, d: Ok, id: Promise<number>, q: Waiting[], attempt: number) => {
    id.then(
      (robotId) => {
        doneWaiting(key, q);
        if (shouldLog('registered'))
          log.info({ robot: key, robotId }, 'new robot registered on first contact (logged for the first few; all are audited)');
        // Registered as the app stops: the bus may be closed; what waited is lost with the rest (counted), not thrown.
        for (let i = 0; i < q.length; i++) {
          try {
            publish(robotId, q[i]!.d, q[i]!.receivedAt, q[i]!.rx);
          } catch (err) {
            h.droppedWhileRegistering += q.length - i;
            h.lastError = `messages of ${key} not published after its registration: ${(err as Error).message}`;
            return;
          }
        }
      },
      (err: unknown) => {
        h.lastError = `registration of ${key} failed: ${(err as Error).message}`;
        if (shouldLog(`register:${key}`))
          log.error({ err: (err as Error).message, robot: key, waiting: q.length, attempt }, 'robot registration failed; retrying');
        setTimeout(
          () => {
            const again = deps.registry.resolve(d.manufacturer, d.serialNumber, d.msg.message.version);
            if (typeof again === 'number' || again instanceof Promise) return register(key, d, Promise.resolve(again), q, attempt + 1);
            // Refused meanwhile (e.g. the cap was reached): what waited is dropped, counted.
            doneWaiting(key, q);
            h.refusedRegistrations++;
            h.droppedWhileRegistering += q.length;
          },
          Math.min(10_000, 250 * 2 ** attempt),
        ).unref();
      },
    );
  };

  return {
    name: 'vda5050-mqtt',
    monitor,
    receive: onMessage,
    link: {
      connected: () => h.connected,
      onConnect(listener) {
        connectListeners.add(listener);
        return () => void connectListeners.delete(listener);
      },
    },
    publish(robotId, topic, payload) {
      if (!client) throw new GatewayNotConnectedError(robotId);
      client.publish(topic, payload, { qos: 0 });
    },
    async start() {
      client = disableNagle(
        mqtt.connect(deps.brokerUrl, {
          clientId: `fleetscope-gw-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
          clean: true,
          reconnectPeriod: 1000,
          connectTimeout: 5000,
          ...deps.clientOptions,
        }),
      );
      client.on('message', onMessage);
      client.on('connect', () => {
        h.connected = true;
        h.lastError = null;
        const topics = ROBOT_TOPICS.map((t) => `${deps.iface}/+/+/+/${t}`);
        client?.subscribe(topics, { qos: 1 }, (err) => {
          if (err) {
            h.lastError = `subscribe failed: ${err.message}`;
            log.error({ err }, 'subscribe failed');
          }
        });
        // Best effort: a broker without $SYS, or an ACL that does not let the app read it, leaves the figure unknown.
        client?.subscribe(BROKER_SYS_TOPICS.dropped, { qos: 0 }, () => {});
        log.info({ broker: deps.brokerUrl }, 'connected to MQTT broker');
        for (const l of connectListeners) {
          try {
            l();
          } catch (err) {
            log.error({ err: (err as Error).message }, 'reconnection listener failed');
          }
        }
      });
      client.on('reconnect', () => void h.reconnects++);
      client.on('close', () => {
        if (h.connected) log.warn({ broker: deps.brokerUrl }, 'MQTT connection lost; reconnecting');
        h.connected = false;
      });
      client.on('error', (err) => {
        h.lastError = err.message;
        if (shouldLog(`mqtt-error:${err.message}`)) log.error({ err: err.message }, 'MQTT client error');
      });
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        client?.once('connect', done);
        // Do not block start-up forever on a broker that is down: health shows it and mqtt.js keeps retrying.
        setTimeout(done, 5000).unref();
      });
    },
    async stop() {
      const c = client;
      client = null;
      if (c) await c.endAsync();
      h.connected = false;
    },
    health(): GatewayHealth {
      const handlerFailedLately = h.lastHandlerErrorAt !== null && deps.clock.now() - h.lastHandlerErrorAt < HANDLER_ERROR_DEGRADES_MS;
      return {
        status: !h.connected ? 'down' : handlerFailedLately ? 'degraded' : 'ok',
        connected: h.connected,
        brokerUrl: deps.brokerUrl,
        received: h.received,
        accepted: h.accepted,
        invalid: h.invalid,
        invalidByRobot: mostInvalid(invalidByRobot, HEALTH_INVALID_ROBOTS),
        invalidRobotsTracked: invalidByRobot.size,
        invalidRobotsEvicted: invalidByRobot.evicted,
        unknownTopics: h.unknownTopics,
        refusedIdentities: h.refusedIdentities,
        refusedRegistrations: h.refusedRegistrations,
        registering: waiting.size,
        ...(deps.admission && { registrations: deps.admission.stats() }),
        reconnects: h.reconnects,
        droppedWhileRegistering: h.droppedWhileRegistering,
        ignored: h.ignored,
        ...(deps.owns && { otherGateways: h.otherGateways }),
        ...brokerFigures(brokerDrops.figures()),
        handlerErrors: h.handlerErrors,
        lastError: h.lastError,
      };
    },
  };
}

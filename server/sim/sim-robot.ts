// One simulated robot: its AGV model plus one real MQTT connection speaking VDA 5050 2.0.0 (or 3.0). The fleet's
// shared timer calls step(); orders and instant actions (for 3.0 also zone sets and responses to its zone requests)
// arrive on the client and are applied at once; faults shape what is sent.
import { disableNagle } from '../protocol/mqtt-no-delay';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { createAgvModel, DEFAULT_AGV_CONFIG, type AgvContext, type AgvModel } from './agv-model';
import { buildAgvFactsheet } from './agv-messages';
import { stepAgv } from './agv-step';
import { FaultSet, type Fault, type FaultKind } from './faults';
import type { BehaviourContext, RobotState } from './robot-behaviour';
import { deliver, type InboundValidator } from './robot-inbox';
import { RobotPublisher, type PublishCounters } from './robot-publisher';
import type { FactsheetMessage, VdaHeader } from '../domain/vda5050/messages';
import { factsheetToV3, HEADER_VERSION, type SimProtocol } from './vda-v3';
import { IntermediatePathCache } from './intermediate-path';
import { TelemetryJson } from './telemetry-json';
import { stateObject, visualizationObject } from './telemetry-objects';
import { deliverZoneMessage, type ZoneTopic } from './zone-inbound';

export type { PublishCounters } from './robot-publisher';

export interface SimRobotOptions {
  brokerUrl: string;
  iface: string;
  manufacturer: string;
  serialNumber: string;
  hz: number;
  initial: RobotState;
  /** Without `agv`, the defaults of DEFAULT_AGV_CONFIG apply. */
  ctx: BehaviourContext & Partial<Pick<AgvContext, 'agv'>>;
  counters: PublishCounters;
  /** Validates incoming order/instantActions against the official schemas; without it they are trusted. */
  validator?: InboundValidator;
  /** VDA 5050 version the robot speaks: 2.0 (default) or 3.0 (v3 topics, 3.0 field names). */
  protocol?: SimProtocol;
  /** Seed of the fault decisions (drop, malformed), so injected faults replay exactly. */
  faultSeed?: number;
  clientOptions?: IClientOptions;
  logger?: (msg: string) => void;
}

const STATE_EVERY_SEC = 1;
/** With the silentState fault: one state a minute, against VDA 5050's "at least every 30 s". */
const SILENT_STATE_EVERY_SEC = 60;
const OFFLINE_ACK_TIMEOUT_MS = 3000;

export class SimRobot {
  readonly manufacturer: string;
  readonly serialNumber: string;
  /** Resolves on the first successful connection. */
  readonly ready: Promise<void>;
  readonly faults: FaultSet;
  private readonly opts: SimRobotOptions;
  private readonly ctx: AgvContext;
  private readonly out: RobotPublisher;
  private client: MqttClient | null = null;
  private readonly model: AgvModel;
  private lastStateAt = -Infinity;
  private factsheetSent = false;
  private alive = true;
  /** Away by an injected disconnect/die fault: not simulated (die) or not connected (both) until cleared. */
  private away: 'disconnect' | 'die' | null = null;
  /** 3.0: the path ahead, shared by state and visualization and reused between ticks. */
  private readonly path = new IntermediatePathCache();
  /** Writes visualization and state text from a template with cached parts (telemetry-json.ts). */
  private readonly json: TelemetryJson;
  private markReady: () => void = () => {};

  constructor(opts: SimRobotOptions) {
    this.opts = opts;
    this.manufacturer = opts.manufacturer;
    this.serialNumber = opts.serialNumber;
    this.ctx = { ...opts.ctx, agv: opts.ctx.agv ?? DEFAULT_AGV_CONFIG };
    this.model = createAgvModel(opts.initial);
    this.faults = new FaultSet(opts.faultSeed ?? 1);
    this.out = new RobotPublisher(opts.iface, opts.manufacturer, opts.serialNumber, opts.counters, this.faults, opts.protocol);
    const header = { version: HEADER_VERSION[this.out.protocol], manufacturer: opts.manufacturer, serialNumber: opts.serialNumber };
    this.json = new TelemetryJson(header, this.ctx, this.v3);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  get state(): RobotState {
    return this.model.robot;
  }

  /** The full AGV model (order, actions, errors), for tests and diagnostics. */
  get agv(): Readonly<AgvModel> {
    return this.model;
  }

  get isConnected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Whether the robot is still simulated (false after kill() or stop()). */
  get isAlive(): boolean {
    return this.alive;
  }

  executions(): Record<string, number> {
    return this.model.ledger.executions();
  }

  connect(): void {
    const { brokerUrl, manufacturer, serialNumber } = this.opts;
    const client = mqtt.connect(brokerUrl, {
      clientId: `sim-${manufacturer}-${serialNumber}`,
      clean: true,
      keepalive: 30,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      queueQoSZero: false, // telemetry that cannot be sent now is dropped, not replayed stale after a reconnect
      ...this.opts.clientOptions,
      will: this.out.will(),
    });
    disableNagle(client);
    this.client = client;
    this.out.client = client;
    client.on('connect', () => this.onConnect(client));
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('close', () => {
      // The will is fixed per CONNECT packet: refresh its header for the next attempt.
      if (this.alive && this.away === null) client.options.will = this.out.will();
    });
    client.on('error', (err) => this.opts.logger?.(`${serialNumber}: mqtt error: ${err.message}`));
  }

  /** Advances the model by dt and publishes this tick's visualization and, if due, state. */
  step(dt: number, timestamp = new Date().toISOString()): void {
    if (!this.alive || this.away === 'die') return;
    // Frozen: the controller hangs but its telemetry loop keeps sending the same picture.
    if (!this.faults.has('freeze')) stepAgv(this.model, dt, this.ctx);
    if (this.away) return;
    this.out.telemetry(
      'visualization',
      (h) => visualizationObject(h, this.model, this.ctx, this.v3, this.out.lastHeaderId('state'), this.pathAt(timestamp)),
      timestamp,
      (h) => this.json.visualization(h.headerId, h.timestamp, this.model, this.out.lastHeaderId('state'), this.pathAt(timestamp)),
    );
    if (this.model.changed || this.model.requests.state || this.model.robot.time - this.lastStateAt >= STATE_EVERY_SEC) {
      this.publishStateIfDue(timestamp);
    }
  }

  injectFault(fault: Fault): void {
    this.faults.inject(fault);
    switch (fault.kind) {
      case 'emergencyStop':
        this.model.eStop = 'MANUAL';
        break;
      case 'batteryFault':
        this.model.batteryFault = true;
        break;
      case 'disconnect':
        void this.goAway('disconnect');
        return;
      case 'die':
        void this.goAway('die');
        return;
      case 'headerReset':
        this.out.resetHeaders(); // without a reconnect: the app sees the ids fall
        break;
      case 'unlistedAction':
        this.publishFactsheet();
        break;
    }
    this.model.changed = true;
    this.publishStateIfDue(new Date().toISOString());
  }

  clearFault(kind?: FaultKind): Fault[] {
    const cleared = this.faults.clear(kind);
    for (const f of cleared) {
      if (f.kind === 'emergencyStop') this.model.eStop = 'NONE';
      if (f.kind === 'batteryFault') this.model.batteryFault = false;
      if (f.kind === 'unlistedAction' && this.alive && !this.away) this.publishFactsheet();
    }
    this.model.changed = true;
    if (cleared.some((f) => f.kind === 'die' || f.kind === 'disconnect') && this.alive) {
      if (this.away === 'die') {
        // A rebooted robot starts every header sequence from 0 again and announces its factsheet anew.
        this.out.resetHeaders();
        this.factsheetSent = false;
      }
      this.away = null;
      this.connect();
    }
    return cleared;
  }

  /** Publishes OFFLINE (clean) and disconnects, or drops the connection abruptly so the last will fires. */
  async stop(clean = true): Promise<void> {
    this.alive = false;
    this.out.cancelDelayed();
    const client = this.client;
    if (!client) return;
    if (clean && client.connected) await this.sayOffline(client);
    else await client.endAsync(true).catch(() => undefined);
  }

  /** Ends the socket without DISCONNECT and without reconnecting, so the broker publishes CONNECTIONBROKEN. */
  kill(): void {
    this.alive = false;
    const client = this.client;
    if (!client) return;
    client.options.reconnectPeriod = 0;
    client.stream?.destroy();
  }

  private async sayOffline(client: MqttClient): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, OFFLINE_ACK_TIMEOUT_MS);
      this.out.connection('OFFLINE', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // A graceful end waits for in-flight packets; if the connection dies meanwhile mqtt.js may never call back (and
    // with nothing else pending the process would just exit mid-stop), so it is bounded and then forced.
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        client.end(true);
        resolve();
      }, OFFLINE_ACK_TIMEOUT_MS);
    });
    await Promise.race([client.endAsync(false).catch(() => client.end(true)), forced]);
    clearTimeout(timer);
  }

  private async goAway(how: 'disconnect' | 'die'): Promise<void> {
    if (this.away) return;
    this.away = how;
    const client = this.client;
    if (!client) return;
    client.options.reconnectPeriod = 0;
    if (how === 'disconnect' && client.connected) await this.sayOffline(client);
    else client.end(true); // forced: no DISCONNECT packet, so the broker fires the will
  }

  private onConnect(client: MqttClient): void {
    this.opts.logger?.(`${this.serialNumber}: connected`);
    const topics = [this.out.topic('order'), this.out.topic('instantActions')];
    if (this.v3) topics.push(this.out.topic('zoneSet'), this.out.topic('responses'));
    void client
      .subscribeAsync(topics, { qos: 0 })
      .catch((err: Error) => this.opts.logger?.(`${this.serialNumber}: subscribe failed: ${err.message}`));
    this.out.connection('ONLINE');
    if (!this.factsheetSent) {
      this.factsheetSent = true;
      this.publishFactsheet();
    }
    this.model.changed = true; // a fresh subscriber needs the full state straight away
    this.markReady();
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (!this.alive || this.away) return;
    const zoneTopic = this.v3 ? zoneTopicOf(topic) : null;
    if (zoneTopic) return this.onZoneMessage(zoneTopic, payload);
    const kind = topic.endsWith('/order') ? 'order' : topic.endsWith('/instantActions') ? 'instantActions' : null;
    if (!kind || this.faults.has('freeze') || this.faults.shouldDrop(kind)) return;
    // Every message is answered with a state, a repeat too (ignored, but the master control resends it because it
    // has not seen the actions' status yet, which that state carries).
    const text = kind === 'instantActions' && this.faults.has('ignoreCancel') ? withoutCancel(payload.toString()) : payload.toString();
    if (text === null) return;
    deliver(this.model, kind, text, this.ctx, this.opts.validator);
    if (this.model.requests.factsheet) {
      this.model.requests.factsheet = false;
      this.publishFactsheet();
    }
    this.publishStateIfDue(new Date().toISOString());
  }

  /** A zoneSet or a responses message (3.0): stored or applied, answered with a state; a bad one is only logged. */
  private onZoneMessage(topic: ZoneTopic, payload: Buffer): void {
    if (this.faults.has('freeze')) return;
    const outcome = deliverZoneMessage(this.model, topic, payload.toString(), Date.now());
    if (!outcome.ok) this.opts.logger?.(`${this.serialNumber}: ${topic} ignored: ${outcome.ignored}`);
    this.publishStateIfDue(new Date().toISOString());
  }

  private publishStateIfDue(timestamp: string): void {
    if (this.faults.has('silentState') && this.model.robot.time - this.lastStateAt < SILENT_STATE_EVERY_SEC) return;
    const keep = this.faults.has('keepTraversed');
    const build = (h: VdaHeader) => stateObject(h, this.model, this.ctx, this.v3, this.pathAt(timestamp), keep);
    // keepTraversed alters nodeStates: that rare case goes through the message objects.
    const encode = keep ? undefined : (h: VdaHeader) => this.json.state(h.headerId, h.timestamp, this.model, this.pathAt(timestamp));
    if (!this.away && this.out.telemetry('state', build, timestamp, encode)) {
      this.model.changed = false;
      this.model.requests.state = false;
      this.lastStateAt = this.model.robot.time;
    }
  }

  private publishFactsheet(): void {
    const full = buildAgvFactsheet(this.out.header('factsheet'), this.ctx, this.opts.hz);
    const factsheet = this.faults.has('unlistedAction') ? withoutTaskActions(full) : full;
    this.out.raw('factsheet', JSON.stringify(this.v3 ? factsheetToV3(factsheet) : factsheet), 1, true);
  }

  /** 3.0: the path ahead (cached between ticks); asked only when a message is built, as before. */
  private pathAt(timestamp: string) {
    return this.v3 ? this.path.get(this.model, this.ctx, timestamp) : undefined;
  }

  private get v3(): boolean {
    return this.out.protocol === '3.0';
  }
}

const zoneTopicOf = (topic: string): ZoneTopic | null =>
  topic.endsWith('/zoneSet') ? 'zoneSet' : topic.endsWith('/responses') ? 'responses' : null;

// The protocol misbehaviours of server/domain/faults.ts, each found by one conformance rule.

/** The instantActions message without its cancelOrder actions (ignoreCancel); null when nothing is left. */
function withoutCancel(payload: string): string | null {
  try {
    const m = JSON.parse(payload) as { actions?: { actionType?: string }[] };
    if (!Array.isArray(m.actions)) return payload;
    const actions = m.actions.filter((a) => a.actionType !== 'cancelOrder');
    return actions.length === 0 ? null : JSON.stringify({ ...m, actions });
  } catch {
    return payload; // broken JSON: the inbox reports it as usual
  }
}

/** The factsheet without pick and drop, which its own tasks still run (unlistedAction). */
function withoutTaskActions(f: FactsheetMessage): FactsheetMessage {
  const actions = (f.protocolFeatures.agvActions ?? []) as { actionType: string }[];
  const kept = actions.filter((a) => a.actionType !== 'pick' && a.actionType !== 'drop');
  return { ...f, protocolFeatures: { ...f.protocolFeatures, agvActions: kept } };
}

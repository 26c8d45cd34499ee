// One simulated robot: its behaviour state plus one real MQTT connection speaking VDA 5050 2.0.0.
// The fleet's shared timer calls step(); the robot never sets timers of its own.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { vdaTopic, type ConnectionState, type RobotTopic, type VdaHeader } from '../domain/vda5050/messages';
import { stepRobot, type BehaviourContext, type RobotState } from './robot-behaviour';
import { buildConnection, buildFactsheet, buildState, buildVisualization, HeaderSequence } from './vda-messages';

/** Messages handed to the MQTT client and confirmed written (QoS 0) or acknowledged (QoS 1). */
export interface PublishCounters {
  visualization: number;
  state: number;
  /** Every robot message: visualization, state, connection, factsheet. */
  total: number;
  /** Visualization messages per serial number. */
  bySerial: Record<string, number>;
}

export interface SimRobotOptions {
  brokerUrl: string;
  iface: string;
  manufacturer: string;
  serialNumber: string;
  hz: number;
  initial: RobotState;
  ctx: BehaviourContext;
  counters: PublishCounters;
  clientOptions?: IClientOptions;
  logger?: (msg: string) => void;
}

const STATE_EVERY_SEC = 1;
/** Beyond this much unsent data on the socket, skip visualization frames rather than queue them without bound. */
const MAX_BUFFERED_BYTES = 1 << 20;
const OFFLINE_ACK_TIMEOUT_MS = 3000;

export class SimRobot {
  readonly manufacturer: string;
  readonly serialNumber: string;
  /** Resolves on the first successful connection. */
  readonly ready: Promise<void>;
  private readonly opts: SimRobotOptions;
  private readonly headers: HeaderSequence;
  private client: MqttClient | null = null;
  private robot: RobotState;
  private lastStateAt = -Infinity;
  private stateDue = true;
  private factsheetSent = false;
  private alive = true;
  private markReady: () => void = () => {};

  constructor(opts: SimRobotOptions) {
    this.opts = opts;
    this.manufacturer = opts.manufacturer;
    this.serialNumber = opts.serialNumber;
    this.robot = opts.initial;
    this.headers = new HeaderSequence(opts.manufacturer, opts.serialNumber);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    opts.counters.bySerial[opts.serialNumber] = 0;
  }

  get state(): RobotState {
    return this.robot;
  }

  get isConnected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Whether the robot is still simulated (false after kill() or stop()). */
  get isAlive(): boolean {
    return this.alive;
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
      will: this.will(),
    });
    this.client = client;
    client.on('connect', () => this.onConnect());
    client.on('close', () => {
      // The will is fixed per CONNECT packet: refresh its header for the next attempt.
      if (this.alive) client.options.will = this.will();
    });
    client.on('error', (err) => this.opts.logger?.(`${serialNumber}: mqtt error: ${err.message}`));
  }

  /** Advances the behaviour by dt and publishes this tick's visualization and, if due, state. */
  step(dt: number, timestamp = new Date().toISOString()): void {
    if (!this.alive) return;
    const { state, changed } = stepRobot(this.robot, dt, this.opts.ctx);
    this.robot = state;
    if (changed) this.stateDue = true;
    this.send('visualization', (h) => buildVisualization(h, state, this.opts.ctx.planner.map.mapId), timestamp);
    if (this.stateDue || state.time - this.lastStateAt >= STATE_EVERY_SEC) {
      if (this.send('state', (h) => buildState(h, state, this.opts.ctx.planner), timestamp)) {
        this.stateDue = false;
        this.lastStateAt = state.time;
      }
    }
  }

  /** Publishes OFFLINE (clean) and disconnects, or drops the connection abruptly so the last will fires. */
  async stop(clean = true): Promise<void> {
    this.alive = false;
    const client = this.client;
    if (!client) return;
    if (clean && client.connected) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, OFFLINE_ACK_TIMEOUT_MS);
        this.publishConnection('OFFLINE', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await client.endAsync(false).catch(() => client.end(true));
    } else {
      await client.endAsync(true).catch(() => undefined);
    }
  }

  /** Ends the socket without DISCONNECT and without reconnecting, so the broker publishes CONNECTIONBROKEN. */
  kill(): void {
    this.alive = false;
    const client = this.client;
    if (!client) return;
    client.options.reconnectPeriod = 0;
    client.stream?.destroy();
  }

  private onConnect(): void {
    this.opts.logger?.(`${this.serialNumber}: connected`);
    this.publishConnection('ONLINE');
    if (!this.factsheetSent) {
      this.factsheetSent = true;
      this.sendRaw('factsheet', buildFactsheet(this.headers.next('factsheet', new Date().toISOString()), this.opts.ctx.config.limits, this.opts.hz), 1, true);
    }
    this.stateDue = true; // a fresh subscriber needs the full state straight away
    this.markReady();
  }

  private will(): IClientOptions['will'] {
    const message = buildConnection(this.headers.next('connection', new Date().toISOString()), 'CONNECTIONBROKEN');
    return { topic: this.topic('connection'), payload: Buffer.from(JSON.stringify(message)), qos: 1, retain: true };
  }

  private publishConnection(connectionState: ConnectionState, done?: () => void): void {
    this.sendRaw('connection', buildConnection(this.headers.next('connection', new Date().toISOString()), connectionState), 1, true, done);
  }

  private topic(topic: RobotTopic): string {
    return vdaTopic(this.opts.iface, this.manufacturer, this.serialNumber, topic);
  }

  /** QoS 0 telemetry; skipped (not counted, no headerId used) when offline or the socket is backed up. */
  private send(topic: 'visualization' | 'state', build: (h: VdaHeader) => object, timestamp: string): boolean {
    const client = this.client;
    if (!client?.connected) return false;
    if (topic === 'visualization' && (client.stream?.writableLength ?? 0) > MAX_BUFFERED_BYTES) return false;
    this.sendRaw(topic, build(this.headers.next(topic, timestamp)), 0, false);
    return true;
  }

  private sendRaw(topic: RobotTopic, message: object, qos: 0 | 1, retain: boolean, done?: () => void): void {
    const client = this.client;
    if (!client) return;
    const counters = this.opts.counters;
    client.publish(this.topic(topic), JSON.stringify(message), { qos, retain }, (err) => {
      if (!err) {
        counters.total++;
        if (topic === 'visualization') {
          counters.visualization++;
          counters.bySerial[this.serialNumber] = (counters.bySerial[this.serialNumber] ?? 0) + 1;
        } else if (topic === 'state') counters.state++;
      }
      done?.();
    });
  }
}

// A robot written by hand from the VDA 5050 2.0.0 text for integration tests (deliberately not the project's
// simulator): a plain mqtt.js client that records every order and instantActions message it gets and, when
// told to, reflects them in its state the way the spec describes (orderId/orderUpdateId, actionStates).
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface ReceivedMessage {
  topic: 'order' | 'instantActions';
  json: Record<string, unknown>;
}

type ActionStateJson = { actionId: string; actionType: string; actionStatus: string };

export class HandWrittenRobot {
  readonly received: ReceivedMessage[] = [];
  /** Reflect what arrives in the next state message. */
  reflect = true;
  /** Drop this many incoming messages first, as if QoS 0 had lost them. */
  ignoreNext = 0;
  private headerIds: Record<string, number> = {};
  private orderId = '';
  private orderUpdateId = 0;
  private readonly actionStates = new Map<string, ActionStateJson>();

  /** The `version` header field: 2.0.0, or 2.1.0 for a robot of that minor version (same topics and shapes). */
  version = '2.0.0';

  private constructor(
    readonly client: MqttClient,
    readonly iface: string,
    readonly manufacturer: string,
    readonly serialNumber: string,
  ) {}

  /** `login`: username/password when the broker wants them (server/testing/mqtt-credentials.ts). */
  static async connect(
    url: string,
    iface: string,
    manufacturer: string,
    serialNumber: string,
    login: Pick<IClientOptions, 'username' | 'password'> = {},
  ): Promise<HandWrittenRobot> {
    const client = await mqtt.connectAsync(url, { clientId: `hand-${serialNumber}-${Date.now().toString(36)}`, ...login });
    const robot = new HandWrittenRobot(client, iface, manufacturer, serialNumber);
    client.on('message', (topic, payload) => robot.onMessage(topic, payload));
    await client.subscribeAsync([robot.topic('order'), robot.topic('instantActions')], { qos: 0 });
    return robot;
  }

  topic(t: string): string {
    return `${this.iface}/v2/${this.manufacturer}/${this.serialNumber}/${t}`;
  }

  header(t: string, headerId?: number) {
    const id = headerId ?? this.headerIds[t] ?? 0;
    this.headerIds[t] = id + 1;
    return {
      headerId: id,
      timestamp: new Date().toISOString(),
      version: this.version,
      manufacturer: this.manufacturer,
      serialNumber: this.serialNumber,
    };
  }

  async publish(t: string, body: Record<string, unknown>, o: { headerId?: number; retain?: boolean } = {}): Promise<void> {
    await this.client.publishAsync(this.topic(t), JSON.stringify({ ...this.header(t, o.headerId), ...body }), {
      qos: 1,
      retain: o.retain ?? false,
    });
  }

  async online(): Promise<void> {
    await this.publish('connection', { connectionState: 'ONLINE' }, { retain: true });
  }

  async publishState(extra: Record<string, unknown> = {}): Promise<void> {
    await this.publish('state', {
      orderId: this.orderId,
      orderUpdateId: this.orderUpdateId,
      lastNodeId: '',
      lastNodeSequenceId: 0,
      nodeStates: [],
      edgeStates: [],
      driving: false,
      paused: false,
      operatingMode: 'AUTOMATIC',
      actionStates: [...this.actionStates.values()],
      batteryState: { batteryCharge: 80, charging: false },
      errors: [],
      safetyState: { eStop: 'NONE', fieldViolation: false },
      ...extra,
    });
  }

  of(topic: ReceivedMessage['topic']): Record<string, unknown>[] {
    return this.received.filter((m) => m.topic === topic).map((m) => m.json);
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }

  private onMessage(topic: string, payload: Buffer): void {
    const sub = topic.split('/').at(-1) as ReceivedMessage['topic'];
    const json = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    this.received.push({ topic: sub, json });
    if (this.ignoreNext > 0) return void this.ignoreNext--;
    if (!this.reflect) return;
    if (sub === 'order') {
      this.orderId = String(json.orderId);
      this.orderUpdateId = Number(json.orderUpdateId);
      void this.publishState();
      return;
    }
    const actions = json.actions as { actionId: string; actionType: string }[];
    // WAITING as soon as they arrive, FINISHED a moment later: two transitions per action.
    for (const a of actions)
      if (!this.actionStates.has(a.actionId))
        this.actionStates.set(a.actionId, { actionId: a.actionId, actionType: a.actionType, actionStatus: 'WAITING' });
    void this.publishState().then(async () => {
      await new Promise((r) => setTimeout(r, 30));
      for (const a of actions)
        this.actionStates.set(a.actionId, { actionId: a.actionId, actionType: a.actionType, actionStatus: 'FINISHED' });
      await this.publishState();
    });
  }
}

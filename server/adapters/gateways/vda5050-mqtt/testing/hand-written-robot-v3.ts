// A VDA 5050 3.0.0 robot written by hand from the official 3.0.0 schemas for integration tests (deliberately not
// the project's simulator or its 3.0 translation): a plain mqtt.js client on the `v3` topic level. It records every
// order and instantActions message it gets; an instant action goes WAITING then FINISHED in `instantActionStates`
// (3.0 keeps them apart from the order's `actionStates`); an order is accepted and, a moment later, finished at its
// last node, as if the robot had driven there. Field names are 3.0's: mobileRobotPosition, powerSupply,
// activeEmergencyStop, CONNECTION_BROKEN. With subscribeZoneTopics it also records zoneSet and responses messages.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface ReceivedV3Message {
  topic: string;
  json: Record<string, unknown>;
}

type V3ActionState = { actionId: string; actionType: string; actionStatus: string; actionResult?: string };
type V3Node = { nodeId: string; sequenceId: number; nodePosition?: { x: number; y: number; mapId: string } };

export class HandWrittenRobotV3 {
  readonly received: ReceivedV3Message[] = [];
  /** Position and map the robot reports. */
  pose = { x: 10, y: 6, theta: 0, mapId: 'warehouse-1' };
  operatingMode = 'AUTOMATIC';
  errors: Record<string, unknown>[] = [];
  /** Fields every state carries until changed (zoneSets, zoneRequests, edgeRequests): a robot repeats its requests. */
  standing: Record<string, unknown> = {};
  private headerIds: Record<string, number> = {};
  private orderId = '';
  private orderUpdateId = 0;
  private lastNodeId = '';
  private lastNodeSequenceId = 0;
  private readonly instantActionStates = new Map<string, V3ActionState>();
  private closing = false;

  private constructor(
    readonly client: MqttClient,
    readonly iface: string,
    readonly manufacturer: string,
    readonly serialNumber: string,
  ) {}

  static async connect(
    url: string,
    iface: string,
    manufacturer: string,
    serialNumber: string,
    login: Pick<IClientOptions, 'username' | 'password'> = {},
  ): Promise<HandWrittenRobotV3> {
    const will = {
      topic: `${iface}/v3/${manufacturer}/${serialNumber}/connection`,
      payload: Buffer.from(
        JSON.stringify({
          headerId: 0,
          timestamp: new Date().toISOString(),
          version: '3.0.0',
          manufacturer,
          serialNumber,
          connectionState: 'CONNECTION_BROKEN',
        }),
      ),
      qos: 1 as const,
      retain: true,
    };
    const client = await mqtt.connectAsync(url, { clientId: `hand3-${serialNumber}-${Date.now().toString(36)}`, will, ...login });
    const robot = new HandWrittenRobotV3(client, iface, manufacturer, serialNumber);
    client.on('message', (topic, payload) => robot.onMessage(topic, payload));
    await client.subscribeAsync([robot.topic('order'), robot.topic('instantActions')], { qos: 0 });
    return robot;
  }

  /** 3.0's zone traffic topics: fleet control's zone sets and its answers to requests (recorded in `received`). */
  async subscribeZoneTopics(): Promise<void> {
    await this.client.subscribeAsync([this.topic('zoneSet'), this.topic('responses')], { qos: 0 });
  }

  topic(t: string): string {
    return `${this.iface}/v3/${this.manufacturer}/${this.serialNumber}/${t}`;
  }

  header(t: string) {
    const id = this.headerIds[t] ?? 0;
    this.headerIds[t] = id + 1;
    return {
      headerId: id,
      timestamp: new Date().toISOString(),
      version: '3.0.0',
      manufacturer: this.manufacturer,
      serialNumber: this.serialNumber,
    };
  }

  async publish(t: string, body: Record<string, unknown>, o: { retain?: boolean } = {}): Promise<void> {
    await this.client.publishAsync(this.topic(t), JSON.stringify({ ...this.header(t), ...body }), { qos: 1, retain: o.retain ?? false });
  }

  async connection(state: 'ONLINE' | 'OFFLINE' | 'HIBERNATING' | 'CONNECTION_BROKEN'): Promise<void> {
    await this.publish('connection', { connectionState: state }, { retain: true });
  }

  async publishVisualization(): Promise<void> {
    await this.publish('visualization', {
      referenceStateHeaderId: Math.max(0, (this.headerIds.state ?? 1) - 1),
      mobileRobotPosition: { ...this.pose, localized: true, localizationScore: 0.97 },
      velocity: { vx: 0, vy: 0, omega: 0 },
    });
  }

  async publishState(extra: Record<string, unknown> = {}): Promise<void> {
    await this.publish('state', {
      orderId: this.orderId,
      orderUpdateId: this.orderUpdateId,
      lastNodeId: this.lastNodeId,
      lastNodeSequenceId: this.lastNodeSequenceId,
      nodeStates: [],
      edgeStates: [],
      driving: false,
      paused: false,
      operatingMode: this.operatingMode,
      mobileRobotPosition: { ...this.pose, localized: true },
      actionStates: [],
      instantActionStates: [...this.instantActionStates.values()],
      powerSupply: { stateOfCharge: 64.5, charging: false, batteryVoltage: 48.1, range: 1200 },
      errors: this.errors,
      safetyState: { activeEmergencyStop: 'NONE', fieldViolation: false },
      ...this.standing,
      ...extra,
    });
  }

  of(topic: string): Record<string, unknown>[] {
    return this.received.filter((m) => m.topic === topic).map((m) => m.json);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.client.endAsync(true);
  }

  private onMessage(topic: string, payload: Buffer): void {
    const sub = topic.split('/').at(-1) ?? '';
    const json = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    this.received.push({ topic: sub, json });
    if (sub === 'order') return void this.onOrder(json);
    if (sub === 'zoneSet' || sub === 'responses') return;
    const actions = (json.actions ?? []) as { actionId: string; actionType: string }[];
    for (const a of actions)
      this.instantActionStates.set(a.actionId, { actionId: a.actionId, actionType: a.actionType, actionStatus: 'WAITING' });
    void this.publishState()
      .then(async () => {
        await new Promise((r) => setTimeout(r, 30));
        for (const a of actions)
          this.instantActionStates.set(a.actionId, { actionId: a.actionId, actionType: a.actionType, actionStatus: 'FINISHED' });
        await this.publishState();
      })
      .catch(this.unlessClosing);
  }

  /** Accepts the order (its first node is where the robot stands), then reports it finished at its last node. */
  private onOrder(json: Record<string, unknown>): void {
    const nodes = (json.nodes ?? []) as V3Node[];
    const first = nodes[0];
    const last = nodes.at(-1);
    this.orderId = String(json.orderId);
    this.orderUpdateId = Number(json.orderUpdateId);
    if (first) {
      this.lastNodeId = first.nodeId;
      this.lastNodeSequenceId = first.sequenceId;
    }
    const ahead = nodes.slice(1).map((n) => ({ nodeId: n.nodeId, sequenceId: n.sequenceId, released: true }));
    void this.publishState({ nodeStates: ahead, driving: ahead.length > 0 })
      .then(async () => {
        await new Promise((r) => setTimeout(r, 100));
        if (last) {
          this.lastNodeId = last.nodeId;
          this.lastNodeSequenceId = last.sequenceId;
          if (last.nodePosition) this.pose = { ...this.pose, x: last.nodePosition.x, y: last.nodePosition.y };
        }
        await this.publishState();
        await this.publishVisualization();
      })
      .catch(this.unlessClosing);
  }

  /** A reply still on its way when the test closes the robot fails harmlessly; any other failure is the test's. */
  private readonly unlessClosing = (err: unknown) => {
    if (!this.closing) throw err;
  };
}

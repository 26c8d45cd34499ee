// A minimal AGV written from the VDA 5050 2.0.0 text alone, as a third party would: it imports nothing from this
// project, so the app and the project's simulator cannot share a mistake with it. It drives released order nodes
// in a straight line at 2 m/s, stops at the decision point, honours startPause/stopPause and cancelOrder, and
// publishes connection (retained, last will), state (on change and every second) and visualization (10 Hz).
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

type Json = Record<string, unknown>;
interface Node {
  nodeId: string;
  sequenceId: number;
  released: boolean;
  nodePosition?: { x: number; y: number; mapId: string };
}
interface ActionState {
  actionId: string;
  actionType: string;
  actionStatus: 'WAITING' | 'RUNNING' | 'FINISHED' | 'FAILED';
  resultDescription?: string;
}

export class ThirdPartyAgv {
  x = 10;
  y = 6;
  theta = 0;
  paused = false;
  orderId = '';
  orderUpdateId = 0;
  lastNodeId = '';
  lastNodeSequenceId = 0;
  private nodes: Node[] = [];
  private readonly actions = new Map<string, ActionState>();
  private readonly headers: Record<string, number> = {};
  private timers: NodeJS.Timeout[] = [];
  private client!: MqttClient;

  /** `login`: the MQTT username and password its owner was given (none for an anonymous broker). */
  constructor(
    readonly url: string,
    readonly iface: string,
    readonly manufacturer: string,
    readonly serialNumber: string,
    readonly mapId: string,
    readonly login: Pick<IClientOptions, 'username' | 'password'> = {},
  ) {}

  private topic(t: string) {
    return `${this.iface}/v2/${this.manufacturer}/${this.serialNumber}/${t}`;
  }

  private header(t: string): Json {
    this.headers[t] = (this.headers[t] ?? -1) + 1;
    return {
      headerId: this.headers[t],
      timestamp: new Date().toISOString(),
      version: '2.0.0',
      manufacturer: this.manufacturer,
      serialNumber: this.serialNumber,
    };
  }

  async start(): Promise<void> {
    const will = { ...this.header('connection'), connectionState: 'CONNECTIONBROKEN' };
    this.client = await mqtt.connectAsync(this.url, {
      ...this.login,
      clientId: `third-party-${this.serialNumber}-${Date.now()}`,
      will: { topic: this.topic('connection'), payload: Buffer.from(JSON.stringify(will)), qos: 1, retain: true },
    });
    this.client.on('message', (t, p) => this.onMessage(t, JSON.parse(p.toString()) as Json));
    await this.client.subscribeAsync([this.topic('order'), this.topic('instantActions')], { qos: 0 });
    await this.client.publishAsync(this.topic('connection'), JSON.stringify({ ...this.header('connection'), connectionState: 'ONLINE' }), {
      qos: 1,
      retain: true,
    });
    this.timers.push(
      setInterval(() => this.step(0.1), 100),
      setInterval(() => this.publishState(), 1000),
    );
    this.publishState();
  }

  /** The process dies: no DISCONNECT, so the broker publishes the last will. */
  die(): void {
    this.timers.forEach(clearInterval);
    this.client.stream.destroy();
  }

  async stop(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.client.endAsync(true);
  }

  private onMessage(topic: string, m: Json): void {
    if (topic.endsWith('/order')) {
      const nodes = m.nodes as Node[];
      if (m.orderId === this.orderId && (m.orderUpdateId as number) <= this.orderUpdateId) return;
      this.orderId = m.orderId as string;
      this.orderUpdateId = m.orderUpdateId as number;
      // An update starts at the last base node, which the robot has already reached or is driving to.
      this.nodes = nodes.filter((n) => n.sequenceId > this.lastNodeSequenceId || m.orderUpdateId === 0);
      if (m.orderUpdateId === 0 && this.nodes[0]) this.arrive(this.nodes.shift()!);
    } else {
      for (const a of m.actions as { actionId: string; actionType: string }[]) {
        if (this.actions.has(a.actionId)) continue; // the same actionId is never executed twice
        let status: ActionState['actionStatus'] = 'FINISHED';
        if (a.actionType === 'startPause') this.paused = true;
        else if (a.actionType === 'stopPause') this.paused = false;
        else if (a.actionType === 'cancelOrder') this.nodes = [];
        else if (a.actionType !== 'stateRequest') status = 'FAILED';
        this.actions.set(a.actionId, { actionId: a.actionId, actionType: a.actionType, actionStatus: status });
      }
    }
    this.publishState();
  }

  private arrive(n: Node): void {
    this.lastNodeId = n.nodeId;
    this.lastNodeSequenceId = n.sequenceId;
  }

  private step(dt: number): void {
    const next = this.nodes[0];
    if (!this.paused && next?.released && next.nodePosition) {
      const dx = next.nodePosition.x - this.x;
      const dy = next.nodePosition.y - this.y;
      const d = Math.hypot(dx, dy);
      const s = 2 * dt;
      if (d <= s) {
        this.x = next.nodePosition.x;
        this.y = next.nodePosition.y;
        this.arrive(this.nodes.shift()!);
        this.publishState();
      } else {
        this.theta = Math.atan2(dy, dx);
        this.x += (dx / d) * s;
        this.y += (dy / d) * s;
      }
    }
    const pos = { x: this.x, y: this.y, theta: this.theta, mapId: this.mapId, positionInitialized: true };
    this.client.publish(
      this.topic('visualization'),
      JSON.stringify({ ...this.header('visualization'), agvPosition: pos, velocity: { vx: this.driving() ? 2 : 0, vy: 0, omega: 0 } }),
    );
  }

  private driving(): boolean {
    return !this.paused && Boolean(this.nodes[0]?.released);
  }

  private publishState(): void {
    if (!this.client?.connected) return;
    const state = {
      ...this.header('state'),
      orderId: this.orderId,
      orderUpdateId: this.orderUpdateId,
      lastNodeId: this.lastNodeId,
      lastNodeSequenceId: this.lastNodeSequenceId,
      nodeStates: this.nodes.map((n) => ({ nodeId: n.nodeId, sequenceId: n.sequenceId, released: n.released })),
      edgeStates: [],
      driving: this.driving(),
      paused: this.paused,
      operatingMode: 'AUTOMATIC',
      actionStates: [...this.actions.values()],
      batteryState: { batteryCharge: 77, charging: false },
      errors: [],
      safetyState: { eStop: 'NONE', fieldViolation: false },
      agvPosition: { x: this.x, y: this.y, theta: this.theta, mapId: this.mapId, positionInitialized: true },
    };
    this.client.publish(this.topic('state'), JSON.stringify(state));
  }
}

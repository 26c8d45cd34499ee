/** A connection to robots (VDA 5050 over MQTT today). Incoming messages go to the bus. */
export interface RobotGateway {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): GatewayHealth;
  /**
   * Sends a message to a robot (order, instantActions: `topic` is the full broker topic, `payload` the JSON text),
   * at QoS 0: the commander resends until the robot's state reflects it. Throws GatewayNotConnectedError when
   * the gateway is not started; while the broker is away the client queues it.
   */
  publish(robotId: number, topic: string, payload: string): void;
}

export interface GatewayHealth {
  status: 'ok' | 'degraded' | 'down';
  connected: boolean;
  brokerUrl: string;
  received: number;
  accepted: number;
  invalid: number;
  /** Invalid messages per robot key (`manufacturer/serial`), with the last reason: the most refused robots only. */
  invalidByRobot: Record<string, { count: number; lastReason: string }>;
  /** Robots whose invalid messages are counted (bounded), and how many were evicted to stay within the bound. */
  invalidRobotsTracked?: number;
  invalidRobotsEvicted?: number;
  unknownTopics: number;
  /** Messages refused for the robot identity in their topic (too long, characters VDA 5050 does not allow). */
  refusedIdentities?: number;
  /** Messages of new robots that were not registered (rate limit or cap per manufacturer login). */
  refusedRegistrations?: number;
  /** Robots being registered now. */
  registering?: number;
  registrations?: {
    registered: number;
    refusedRate: number;
    refusedCap: number;
    manufacturersTracked: number;
    manufacturersEvicted: number;
  };
  reconnects: number;
  /** Messages of a robot still being registered that overflowed the wait queue (e.g. a long database outage). */
  droppedWhileRegistering: number;
  /** Empty payloads (a retained message being cleared): neither accepted nor invalid. */
  ignored?: number;
  /** Robot messages left to another gateway of the cluster (their owner); not errors. */
  otherGateways?: number;
  /**
   * The broker's own count of messages it dropped since it started (Mosquitto's $SYS `publish/messages/dropped`,
   * every subscriber's: QoS 0 messages for a subscriber that read too late), as last reported, and when. Mosquitto
   * reports it every 10 s when it changed and forgets it after a quiet minute: null until it is heard, and always
   * with the embedded broker (which has none) or a login not allowed to read $SYS.
   */
  brokerDropped?: number | null;
  brokerDroppedAt?: number | null;
  /** Reports on that topic that were not a decimal counter (refused, the last good value kept). */
  brokerDropReportsRefused?: number;
  /** Unexpected errors in the message handler (a bug each): the message is dropped, the gateway carries on. */
  handlerErrors?: number;
  lastError: string | null;
}

/** A connection to robots (VDA 5050 over MQTT today). Incoming messages go to the bus. */
export interface RobotGateway {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): GatewayHealth;
}

export interface GatewayHealth {
  status: 'ok' | 'degraded' | 'down';
  connected: boolean;
  brokerUrl: string;
  received: number;
  accepted: number;
  invalid: number;
  /** Invalid messages per robot key (`manufacturer/serial`), with the last reason. */
  invalidByRobot: Record<string, { count: number; lastReason: string }>;
  unknownTopics: number;
  reconnects: number;
  /** Messages of a robot still being registered that overflowed the wait queue (e.g. a long database outage). */
  droppedWhileRegistering: number;
  lastError: string | null;
}

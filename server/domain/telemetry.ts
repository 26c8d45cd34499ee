// Payloads the gateway publishes on the bus for robot messages.
import type { RobotMessage } from './vda5050/messages';

export const SUBJECTS = {
  visualization: 'robot.visualization',
  state: 'robot.state',
  connection: 'robot.connection',
  factsheet: 'robot.factsheet',
} as const;

export type RobotSubject = (typeof SUBJECTS)[keyof typeof SUBJECTS];

export type RobotTelemetry = RobotMessage & {
  robotId: number;
  manufacturer: string;
  serialNumber: string;
  /** Bytes on the wire. */
  size: number;
};

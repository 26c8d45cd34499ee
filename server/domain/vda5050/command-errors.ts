// Typed refusals of the robot commander: each is thrown before anything reaches the robot.
import type { ActionScope } from './factsheet-summary';
import type { MasterTopic } from './messages';

export class CommandRefusedError extends Error {
  constructor(
    readonly robotId: number,
    message: string,
  ) {
    super(message);
  }
}

export class UnknownRobotError extends CommandRefusedError {
  override readonly name = 'UnknownRobotError';
  constructor(robotId: number) {
    super(robotId, `no robot with id ${robotId}`);
  }
}

/** The robot's factsheet does not list the action for that scope (protocolFeatures.agvActions). */
export class UnsupportedActionError extends CommandRefusedError {
  override readonly name = 'UnsupportedActionError';
  constructor(
    robotId: number,
    readonly actionType: string,
    readonly scope: ActionScope,
  ) {
    super(robotId, `robot ${robotId} does not support action ${actionType} as ${scope} action (not in its factsheet's agvActions)`);
  }
}

/** The robot speaks a protocol version this gateway cannot write (e.g. 3.x before a 3.0 adapter exists). */
export class UnsupportedProtocolError extends CommandRefusedError {
  override readonly name = 'UnsupportedProtocolError';
  constructor(
    robotId: number,
    readonly version: string,
    /** What the version lacks, when it is spoken but lacks the topic (e.g. zoneSet before 3.0). */
    lacks?: string,
  ) {
    super(
      robotId,
      lacks
        ? `robot ${robotId} speaks VDA 5050 ${version}; ${lacks}`
        : `robot ${robotId} speaks VDA 5050 ${version}, which this gateway cannot send to`,
    );
  }
}

/** The outgoing message failed the official schema: a bug in what we built, never sent. */
export class InvalidOutgoingMessageError extends CommandRefusedError {
  override readonly name = 'InvalidOutgoingMessageError';
  constructor(
    robotId: number,
    readonly topic: MasterTopic | 'zoneSet' | 'responses',
    readonly path: string,
    readonly reason: string,
  ) {
    super(robotId, `${topic} for robot ${robotId} violates the VDA 5050 schema at ${path || '/'}: ${reason}; not sent`);
  }
}

export class GatewayNotConnectedError extends CommandRefusedError {
  override readonly name = 'GatewayNotConnectedError';
  constructor(robotId: number) {
    super(robotId, `cannot send to robot ${robotId}: the gateway has no MQTT client (not started or stopped)`);
  }
}

/** A process without an MQTT gateway hands its messages to the gateways over the bus, and the bus is closed. */
export class BusNotConnectedError extends CommandRefusedError {
  override readonly name = 'BusNotConnectedError';
  constructor(robotId: number) {
    super(robotId, `cannot send to robot ${robotId}: this process has no MQTT gateway and its bus is closed`);
  }
}

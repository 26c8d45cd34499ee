// Writes master-control messages to one robot: header (per-robot, per-topic headerId; RFC 3339 UTC timestamp;
// the robot's protocol version, with 3.0's field names for a 3.0 robot), validation against the official schema, then an MQTT publish at QoS 0.
// An invalid message throws and is never published; it does not use up a headerId.
import { robotKey } from '../../../domain/robot';
import { InvalidOutgoingMessageError, UnsupportedProtocolError } from '../../../domain/vda5050/command-errors';
import type { InstantActionsMessage, MasterTopic, OrderBody, OrderMessage, VdaHeader } from '../../../domain/vda5050/messages';
import { outboundProtocolFor } from '../../../domain/vda5050/protocol-version';
import { instantActionsBodyToV3, orderBodyToV3 } from '../../../domain/vda5050/v3-outbound';
import type { Clock } from '../../../ports/clock';
import type { SchemaValidator } from '../../../protocol/schema-validator';

export interface RobotAddress {
  robotId: number;
  manufacturer: string;
  serialNumber: string;
  /** Version the robot reported last; null when unknown (2.0.0 is used). */
  protocolVersion: string | null;
}

type BodyOf<T extends MasterTopic> = T extends 'order' ? OrderBody : Omit<InstantActionsMessage, keyof VdaHeader>;
export type MessageOf<T extends MasterTopic> = T extends 'order' ? OrderMessage : InstantActionsMessage;

export interface OutboundWriterDeps {
  iface: string;
  validator: SchemaValidator;
  clock: Clock;
  /** Hands the serialized message to MQTT; throws when there is no client. */
  publish(robotId: number, topic: string, payload: string): void;
  onSent?(robot: string, m: { topic: MasterTopic | V3OnlyTopic; headerId: number; at: number; size: number; payload: unknown }): void;
}

/** Topics master control sends only to VDA 5050 3.0 robots (zone traffic control). */
export type V3OnlyTopic = 'zoneSet' | 'responses';

export interface OutboundWriter {
  /** Throws UnsupportedProtocolError or InvalidOutgoingMessageError before publishing. */
  write<T extends MasterTopic>(robot: RobotAddress, topic: T, body: BodyOf<T>): { message: MessageOf<T>; topic: string };
  /** A 3.0-only message (`body` already in 3.0's names); a 2.x robot gets UnsupportedProtocolError. */
  writeV3(robot: RobotAddress, topic: V3OnlyTopic, body: Record<string, unknown>): { headerId: number; topic: string };
}

export function createOutboundWriter(deps: OutboundWriterDeps): OutboundWriter {
  /** Last headerId used per `manufacturer/serial|topic`; the first message of a topic gets 0. */
  const lastHeaderId = new Map<string, number>();

  /** Header, validation, publish and bookkeeping of any topic; `wire` makes the body for the protocol version. */
  const send = (
    robot: RobotAddress,
    topic: MasterTopic | V3OnlyTopic,
    wire: (headerVersion: string) => object,
  ): { message: VdaHeader; topic: string } => {
    const protocol = outboundProtocolFor(robot.protocolVersion);
    if (!protocol) throw new UnsupportedProtocolError(robot.robotId, robot.protocolVersion ?? '');
    const key = robotKey(robot.manufacturer, robot.serialNumber);
    const seqKey = `${key}|${topic}`;
    const headerId = (lastHeaderId.get(seqKey) ?? -1) + 1;
    const at = deps.clock.now();
    const header: VdaHeader = {
      headerId,
      timestamp: new Date(at).toISOString(),
      version: protocol.headerVersion,
      manufacturer: robot.manufacturer,
      serialNumber: robot.serialNumber,
    };
    // Header fields first on the wire, and ours win over any a caller left in the body.
    const message = Object.assign({}, header, wire(protocol.headerVersion), header) as VdaHeader;
    const result = deps.validator.validate(topic, protocol.headerVersion, message);
    if (!result.ok) {
      const first = result.errors[0];
      throw new InvalidOutgoingMessageError(robot.robotId, topic, first?.path ?? '', first?.reason ?? 'invalid');
    }
    const mqttTopic = `${deps.iface}/${protocol.topicVersion}/${robot.manufacturer}/${robot.serialNumber}/${topic}`;
    const payload = JSON.stringify(message);
    deps.publish(robot.robotId, mqttTopic, payload);
    lastHeaderId.set(seqKey, headerId);
    deps.onSent?.(key, { topic, headerId, at, size: Buffer.byteLength(payload), payload: message });
    return { message, topic: mqttTopic };
  };

  return {
    write(robot, topic, body) {
      // A 3.0 robot gets the same command in 3.0's field names (v3-outbound.ts).
      const wire = (version: string) =>
        version !== '3.0.0'
          ? body
          : topic === 'order'
            ? orderBodyToV3(body as OrderBody)
            : instantActionsBodyToV3(body as BodyOf<'instantActions'>);
      const sent = send(robot, topic, wire);
      return { message: sent.message as MessageOf<typeof topic>, topic: sent.topic };
    },
    writeV3(robot, topic, body) {
      if (outboundProtocolFor(robot.protocolVersion)?.headerVersion !== '3.0.0')
        throw new UnsupportedProtocolError(robot.robotId, robot.protocolVersion ?? '', `${topic} exists only in VDA 5050 3.0`);
      const sent = send(robot, topic, () => body);
      return { headerId: sent.message.headerId, topic: sent.topic };
    },
  };
}

// Sending orders and instant actions to robots. The implementation (gateways/vda5050-mqtt/commander.ts) adds the
// header, validates against the official schema, publishes, and resends until the robot's state reflects it.
import type { TraceContext } from '../domain/flow/hop';
import type { DeliveryOutcome } from '../domain/vda5050/protocol-events';
import type { Action, InstantActionsMessage, OrderBody, OrderMessage } from '../domain/vda5050/messages';

export interface Sent<M> {
  /** The message as first published (header included). */
  message: M;
  topic: string;
  /** Settles once: reflected in state, not acknowledged after all attempts, superseded, or abandoned at stop. */
  delivery: Promise<DeliveryOutcome>;
}

export interface RobotCommander {
  /**
   * Rejects with a CommandRefusedError (UnknownRobotError, UnsupportedActionError, UnsupportedProtocolError,
   * InvalidOutgoingMessageError, GatewayNotConnectedError) before anything is sent.
   * A newer order to the same robot supersedes the resending of an older one.
   */
  sendOrder(robotId: number, order: OrderBody): Promise<Sent<OrderMessage>>;
  sendInstantActions(robotId: number, actions: Action[]): Promise<Sent<InstantActionsMessage>>;
  stats(): CommanderStats;
  stop(): void;
}

/** A commander whose messages can join a trace started elsewhere (the command ledger's: click → tRPC → ledger). */
export interface TracedCommander extends RobotCommander {
  /** Runs `send` with `ctx` as the trace of the message(s) it sends, instead of a new trace. */
  withTrace<T>(ctx: TraceContext, send: () => Promise<T>): Promise<T>;
}

export interface CommanderStats {
  sent: number;
  resent: number;
  acknowledged: number;
  notAcknowledged: number;
  refused: number;
  pending: number;
}

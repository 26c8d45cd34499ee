// RobotCommander over VDA 5050 MQTT: refuses what the robot cannot take (unknown robot, protocol, or an action its
// factsheet does not list), writes the message (outbound.ts), and tracks its delivery (delivery-tracker.ts).
import { CommandRefusedError, UnknownRobotError, UnsupportedActionError } from '../../../domain/vda5050/command-errors';
import { supportsAction, type ActionScope, type FactsheetSummary } from '../../../domain/vda5050/factsheet-summary';
import type { Action, MasterTopic, OrderBody } from '../../../domain/vda5050/messages';
import type { Logger } from '../../../ports/logger';
import type { Clock } from '../../../ports/clock';
import type { MessageBus } from '../../../ports/message-bus';
import type { CommanderStats, RobotCommander } from '../../../ports/robot-commander';
import { createDeliveryTracker, type DeliveryLink, type RetryPolicy } from './delivery-tracker';
import type { OutboundWriter, RobotAddress } from './outbound';

export interface CommanderDeps {
  writer: OutboundWriter;
  /** Identity and last reported protocol version of a robot (the fleet state store fits). */
  robots: { get(id: number): Omit<RobotAddress, 'robotId'> | undefined };
  /** The robot's factsheet, when one is known; without one every action is let through. */
  factsheets: { get(robotId: number): FactsheetSummary | undefined };
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** The gateway's MQTT link: resends pause while it is down (they could reach no one) and resume when it is back. */
  link?: DeliveryLink;
}

export function createVda5050Commander(deps: CommanderDeps): RobotCommander {
  const log = deps.logger.child({ component: 'commander:vda5050-mqtt' });
  const tracker = createDeliveryTracker({
    bus: deps.bus,
    clock: deps.clock,
    retry: deps.retry,
    link: deps.link,
    onResendError: (err, p) => log.warn({ robotId: p.robotId, topic: p.topic, err: (err as Error).message }, 'resend failed'),
  });
  const counts = { sent: 0, refused: 0 };

  const address = (robotId: number): RobotAddress => {
    const r = deps.robots.get(robotId);
    if (!r) throw new UnknownRobotError(robotId);
    return { robotId, manufacturer: r.manufacturer, serialNumber: r.serialNumber, protocolVersion: r.protocolVersion };
  };

  const requireSupport = (robotId: number, actions: readonly Action[], scope: ActionScope) => {
    const factsheet = deps.factsheets.get(robotId);
    if (!factsheet) return;
    for (const a of actions)
      if (!supportsAction(factsheet, a.actionType, scope)) throw new UnsupportedActionError(robotId, a.actionType, scope);
  };

  /** Refusals are counted and logged once here, then rethrown to the caller. */
  const guarded = async <T>(robotId: number, topic: MasterTopic, fn: () => T): Promise<T> => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CommandRefusedError) {
        counts.refused++;
        log.warn({ robotId, topic, reason: err.message }, 'command refused before sending');
      }
      throw err;
    }
  };

  return {
    sendOrder(robotId, order: OrderBody) {
      return guarded(robotId, 'order', () => {
        const robot = address(robotId);
        for (const n of order.nodes) requireSupport(robotId, n.actions, 'NODE');
        for (const e of order.edges) requireSupport(robotId, e.actions, 'EDGE');
        const first = deps.writer.write(robot, 'order', order);
        counts.sent++;
        tracker.supersedeOrders(robotId);
        const delivery = tracker.track({
          robotId,
          topic: 'order',
          orderId: order.orderId,
          orderUpdateId: order.orderUpdateId,
          actionIds: [...order.nodes, ...order.edges].flatMap((x) => x.actions.map((a) => a.actionId)),
          firstHeaderId: first.message.headerId,
          resend: () => deps.writer.write(robot, 'order', order).message.headerId,
        });
        return { ...first, delivery };
      });
    },
    sendInstantActions(robotId, actions: Action[]) {
      return guarded(robotId, 'instantActions', () => {
        if (actions.length === 0) throw new CommandRefusedError(robotId, 'an instantActions message needs at least one action');
        const robot = address(robotId);
        requireSupport(robotId, actions, 'INSTANT');
        const first = deps.writer.write(robot, 'instantActions', { actions });
        counts.sent++;
        const delivery = tracker.track({
          robotId,
          topic: 'instantActions',
          actionIds: actions.map((a) => a.actionId),
          firstHeaderId: first.message.headerId,
          resend: () => deps.writer.write(robot, 'instantActions', { actions }).message.headerId,
        });
        return { ...first, delivery };
      });
    },
    stats: (): CommanderStats => {
      const t = tracker.stats();
      return {
        sent: counts.sent,
        resent: t.resent,
        acknowledged: t.acknowledged,
        notAcknowledged: t.notAcknowledged,
        refused: counts.refused,
        pending: t.pending,
      };
    },
    stop: () => tracker.stop(),
  };
}

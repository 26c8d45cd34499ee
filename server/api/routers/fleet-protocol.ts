// fleet.protocol, fleet.messages, fleet.factsheet, fleet.conformance: the VDA 5050 side of one robot, for the
// protocol inspector and the conformance report. In a cluster, messages and conformance may be asked of the gateway
// that owns the robot (services/cluster/protocol-relay.ts): at most about 1.5 s, empty when no gateway answers.
import { z } from 'zod';
import { robotIdSchema } from '../../domain/input-bounds';
import { RobotNotFoundError } from '../../domain/lookup-errors';
import type { Context } from '../trpc';
import { architectProcedure, viewerProcedure } from '../trpc';

const robotId = z.object({ id: robotIdSchema });

function reader(ctx: Context, id: number) {
  if (!ctx.runtime.fleet.get(id)) throw new RobotNotFoundError(id);
  return ctx.runtime.protocol;
}

/** Procedures merged into the fleet router (fleet.ts). */
export const fleetProtocolProcedures = {
  protocol: viewerProcedure.input(robotId).query(({ ctx, input }) => reader(ctx, input.id).stats(input.id) ?? null),
  /** Message payloads: architects and admins. */
  messages: architectProcedure
    .input(robotId.extend({ limit: z.number().int().min(1).max(1000).default(50) }))
    .query(({ ctx, input }) => reader(ctx, input.id).messages(input.id, input.limit)),
  factsheet: viewerProcedure.input(robotId).query(({ ctx, input }) => reader(ctx, input.id).factsheet(input.id) ?? null),
  /** The robot's behaviour rule by rule, with the messages (topic, headerId, time) that are each verdict's evidence. */
  conformance: viewerProcedure
    .input(robotId)
    .query(async ({ ctx, input }) => (await reader(ctx, input.id).conformance(input.id, Date.now())) ?? null),
};

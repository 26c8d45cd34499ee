// fleet.list, fleet.byId: the live fleet as the state store holds it; the protocol side is in fleet-protocol.ts.
import { z } from 'zod';
import { robotIdSchema } from '../../domain/input-bounds';
import { RobotNotFoundError } from '../../domain/lookup-errors';
import { robotOutput, robotsOutput } from '../contract-outputs';
import { createTRPCRouter, viewerProcedure } from '../trpc';
import { fleetProtocolProcedures } from './fleet-protocol';

export const fleetRouter = createTRPCRouter({
  list: viewerProcedure.output(robotsOutput).query(({ ctx }) => ctx.runtime.fleet.list()),
  byId: viewerProcedure
    .input(z.object({ id: robotIdSchema }))
    .output(robotOutput)
    .query(({ ctx, input }) => {
      const robot = ctx.runtime.fleet.get(input.id);
      if (!robot) throw new RobotNotFoundError(input.id);
      return robot;
    }),
  ...fleetProtocolProcedures,
});

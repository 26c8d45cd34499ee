// sim.faults, sim.injectFault, sim.clearFault: fault injection into this app's simulated robots (QA).
// Listing faults is for every viewer; injecting and clearing them for QA (operator, architect, admin), audited.
import { z } from 'zod';
import { clearFault, injectFault, listFaults, type FaultInjectionDeps } from '../../services/fault-injection';
import { type Fault, PROTOCOL_FAULTS } from '../../domain/faults';
import { robotIdSchema as robotId } from '../../domain/input-bounds';
import { audited } from '../audited';
import { createTRPCRouter, faultProcedure, viewerProcedure, type Context } from '../trpc';

const share = z.number().min(0, 'share must be between 0 and 1').max(1, 'share must be between 0 and 1');
const faultTopic = z.enum(['visualization', 'state', 'order', 'instantActions']);

/** Mirrors the Fault union of server/sim/faults.ts. */
export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('drop'), share, topics: z.array(faultTopic).min(1).optional() }),
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(10_000, 'delay is at most 10000 ms') }),
  z.object({ kind: z.literal('disconnect') }),
  z.object({ kind: z.literal('die') }),
  z.object({ kind: z.literal('freeze') }),
  z.object({ kind: z.literal('emergencyStop') }),
  z.object({ kind: z.literal('batteryFault') }),
  z.object({ kind: z.literal('malformed'), share }),
  z.object({ kind: z.literal('ignoreCancel') }),
  z.object({ kind: z.literal('keepTraversed') }),
  z.object({ kind: z.literal('headerReset') }),
  z.object({ kind: z.literal('silentState') }),
  z.object({ kind: z.literal('unlistedAction') }),
]);
export const faultKindSchema = z.enum([
  'drop',
  'delay',
  'disconnect',
  'die',
  'freeze',
  'emergencyStop',
  'batteryFault',
  'malformed',
  ...PROTOCOL_FAULTS,
]);

const deps = (ctx: Context): FaultInjectionDeps => ({ sim: ctx.runtime.sim, fleet: ctx.runtime.fleet });

export const simRouter = createTRPCRouter({
  /** Simulated robots with their active faults; `robotId` narrows it to one robot (empty when not simulated). */
  faults: viewerProcedure
    .input(z.object({ robotId: robotId.optional() }).optional())
    .query(({ ctx, input }) => listFaults(deps(ctx), input?.robotId)),
  injectFault: faultProcedure
    .input(z.object({ robotId, fault: faultSchema }))
    .mutation(({ ctx, input }) =>
      audited(
        ctx,
        'fault.inject',
        `robot ${input.robotId}`,
        () => injectFault(deps(ctx), input.robotId, input.fault satisfies Fault),
        undefined,
        { fault: input.fault },
      ),
    ),
  clearFault: faultProcedure.input(z.object({ robotId, kind: faultKindSchema.optional() })).mutation(({ ctx, input }) =>
    audited(ctx, 'fault.clear', `robot ${input.robotId}`, () => clearFault(deps(ctx), input.robotId, input.kind), undefined, {
      kind: input.kind ?? 'all',
    }),
  ),
});

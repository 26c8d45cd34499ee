// flow.graph: the live data-flow graph; flow.recent: sampled messages that passed a node or an edge.
import { z } from 'zod';
import { architectProcedure, createTRPCRouter, viewerProcedure } from '../trpc';
import { flowReaderOf } from './flow-reader-of';

const nodeIdSchema = z.string().regex(/^[a-z]+:[^\s]{1,200}$/, 'node ids look like kind:name');

export const flowRouter = createTRPCRouter({
  graph: viewerProcedure.query(({ ctx }) => flowReaderOf(ctx).graph()),
  /** `nodes`: one node, or the two ends of an edge. */
  recent: architectProcedure
    .input(z.object({ nodes: z.array(nodeIdSchema).min(1).max(2), limit: z.number().int().min(1).max(200).default(20) }))
    .query(({ ctx, input }) => flowReaderOf(ctx).recentThrough(input.nodes, input.limit)),
});

// Socket.IO messages of the data-flow view, validated where they enter the server. The browser reports the
// receive and render hops of sampled messages; nothing it sends is trusted beyond this schema and a rate limit.
import { z } from 'zod';
import { MAX_EPOCH_MS, robotIdSchema } from '../input-bounds';
import { TRACE_ID_RE } from './hop';
import type { FlowGraph } from './topology';

/** Browser hops of one sampled pose: when the frame arrived and when the next animation frame drew it. */
export const browserHopSchema = z
  .object({
    traceId: z.string().regex(TRACE_ID_RE, 'traceId must be 32 hex digits'),
    robotId: robotIdSchema,
    receivedAt: z.number().positive().max(MAX_EPOCH_MS),
    renderedAt: z.number().positive().max(MAX_EPOCH_MS),
  })
  .refine((h) => h.renderedAt >= h.receivedAt, 'renderedAt must not precede receivedAt');

export const MAX_BROWSER_HOPS_PER_REPORT = 32;
export const browserHopReportSchema = z.array(browserHopSchema).min(1).max(MAX_BROWSER_HOPS_PER_REPORT);

export type BrowserHop = z.infer<typeof browserHopSchema>;

/** A pose in a fan-out frame that belongs to a sampled message: the viewer reports its hops back. */
export interface TracedPose {
  robotId: number;
  traceId: string;
}

export type FlowGraphPush = FlowGraph;

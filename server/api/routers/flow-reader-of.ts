// The flow reader of the running app, or a clear refusal when tracing is off (TRACE_ENABLED=false).
import { TRPCError } from '@trpc/server';
import type { FlowReader } from '../../ports/flow-reader';
import type { Context } from '../trpc';

export function flowReaderOf(ctx: Context): FlowReader {
  const flow = ctx.runtime.flow;
  if (!flow) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Data-flow tracing is off in this app (TRACE_ENABLED=false).' });
  return flow;
}

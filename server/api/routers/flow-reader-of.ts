// The flow reader of the running app, or a clear refusal when tracing is off (TRACE_ENABLED=false).
import { TracingOffError } from '../../domain/lookup-errors';
import type { FlowReader } from '../../ports/flow-reader';
import type { Context } from '../trpc';

export function flowReaderOf(ctx: Context): FlowReader {
  if (!ctx.runtime.flow) throw new TracingOffError();
  return ctx.runtime.flow;
}

// The trace context an envelope carries: its trace id, subject and the robot it concerns.
import type { Envelope } from '../envelope';
import type { TraceContext } from './hop';

export function traceContextOf(env: Envelope): TraceContext {
  const robotId = (env.payload as { robotId?: unknown } | null)?.robotId;
  return { traceId: env.traceId, kind: 'telemetry', robotId: typeof robotId === 'number' ? robotId : null, subject: env.subject };
}

// What the live fan-out reports to the flow recorder: poses per frame from the state store, frames to viewers,
// and for sampled poses the `fanout.frame` (waiting for the tick) and `socketio.send` hops. A pose replaced
// before a frame carried it ends its trace with a `superseded` hop: the frame only ever holds the latest pose.
import { nodeId } from '../../domain/flow/topology';
import type { FlowRecorder } from '../../services/flow/flow-recorder';
import type { TracedChange } from '../../workers/fleet-state';

export interface FanoutTracing {
  now(): number;
  superseded(list: readonly TracedChange[]): void;
  framed(f: { changes: number; traced: readonly TracedChange[]; viewers: number; sendStart: number; sendEnd: number }): void;
}

const ctx = (c: TracedChange) => ({ traceId: c.traceId, kind: 'telemetry' as const, robotId: c.robotId, subject: c.subject });

export function createFanoutTracing(rec: FlowRecorder | undefined): FanoutTracing {
  if (!rec) return { now: () => 0, superseded() {}, framed() {} };
  const store = nodeId.worker('fleet-state');
  const fanout = nodeId.fanout;
  const storeEdge = rec.edge(store, fanout, 'time a pose waits in the state store for the next frame (sampled poses)');
  const viewersEdge = rec.edge(fanout, nodeId.viewers, 'frame sent → received in the browser (sampled poses, browser clock)');
  return {
    now: () => rec.now(),
    superseded(list) {
      if (list.length === 0) return;
      const t = rec.now();
      for (const c of list)
        rec.hop(ctx(c), {
          node: fanout,
          operation: 'fanout.frame',
          startMs: c.at,
          endMs: t,
          outcome: 'superseded',
          detail: 'a newer pose of the robot replaced it before the next frame',
        });
    },
    framed({ changes, traced, viewers, sendStart, sendEnd }) {
      const wall = rec.wallNow();
      storeEdge.record(wall, changes, 0, Number.NaN);
      viewersEdge.record(wall, viewers, 0, Number.NaN);
      for (const c of traced) {
        storeEdge.latency(wall, sendStart - c.at);
        rec.hop(ctx(c), { node: fanout, operation: 'fanout.frame', startMs: c.at, endMs: sendStart, outcome: 'ok' });
        rec.hop(ctx(c), {
          node: fanout,
          operation: 'socketio.send',
          startMs: sendStart,
          endMs: sendEnd,
          outcome: viewers > 0 ? 'ok' : 'dropped',
          detail: `broadcast to ${viewers} viewer(s)`,
        });
      }
    },
  };
}

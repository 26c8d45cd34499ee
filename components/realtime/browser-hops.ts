// The browser's part of a message trace: for poses of sampled messages (named in the frame's `traced`), when
// the frame arrived and when the next animation frame (which draws poses from the transient store) ran. Sent
// back to the server, which validates and rate-limits the report. Epoch ms on the browser's clock.
import type { TracedPose } from '@/server/domain/flow/live-flow-protocol';
import type { FleetSocket } from './fleet-socket';

const MAX_PER_REPORT = 32;

export function reportBrowserHops(socket: FleetSocket, traced: readonly TracedPose[]): void {
  const receivedAt = performance.timeOrigin + performance.now();
  const poses = traced.slice(0, MAX_PER_REPORT);
  requestAnimationFrame(() => {
    const renderedAt = performance.timeOrigin + performance.now();
    socket.emit(
      'flow:hops',
      poses.map((p) => ({ traceId: p.traceId, robotId: p.robotId, receivedAt, renderedAt })),
    );
  });
}

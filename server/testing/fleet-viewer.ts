// A signed-in Socket.IO viewer of a running app, as a browser tab keeps it: every robot it knows and when each
// last got a pose (received, and produced by the robot), its snapshots and (re)connections. For the cluster tests.
import { io as connectSocket, type Socket } from 'socket.io-client';
import { POSE_STRIDE, type ClientToServerEvents, type ServerToClientEvents } from '../domain/live-protocol';

export interface FleetViewer {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  robots: Set<number>;
  snapshots: { at: number; robots: number }[];
  connects: { at: number; id: string | undefined; recovered: boolean }[];
  disconnects: { at: number; reason: string }[];
  /** `count` robots known, each with a pose received and produced after `since` (epoch ms). */
  allFresh(count: number, since: number): boolean;
  close(): void;
}

export function watchFleet(url: string, cookie: string): FleetViewer {
  const robots = new Set<number>();
  const poseAt = new Map<number, { receivedAt: number; producedAt: number }>();
  const snapshots: FleetViewer['snapshots'] = [];
  const connects: FleetViewer['connects'] = [];
  const disconnects: FleetViewer['disconnects'] = [];
  const socket: FleetViewer['socket'] = connectSocket(url, {
    transports: ['websocket'],
    // As components/realtime/fleet-socket.ts: reconnection on, at most 3 s apart.
    reconnectionDelayMax: 3000,
    extraHeaders: { cookie, origin: url },
  });
  socket.on('connect', () => void connects.push({ at: Date.now(), id: socket.id, recovered: socket.recovered }));
  socket.on('disconnect', (reason) => void disconnects.push({ at: Date.now(), reason }));
  socket.on('fleet:snapshot', (s) => {
    snapshots.push({ at: Date.now(), robots: s.robots.length });
    robots.clear();
    for (const r of s.robots) robots.add(r.id);
  });
  socket.on('fleet:frame', (f) => {
    const at = Date.now();
    for (const r of f.robots) robots.add(r.id);
    for (const id of f.removed) robots.delete(id);
    for (let i = 0; i < f.poses.length; i += POSE_STRIDE) poseAt.set(f.poses[i]!, { receivedAt: at, producedAt: f.poses[i + 5]! });
  });
  return {
    socket,
    robots,
    snapshots,
    connects,
    disconnects,
    allFresh: (count, since) =>
      robots.size === count && [...robots].every((id) => (poseAt.get(id)?.receivedAt ?? 0) > since && poseAt.get(id)!.producedAt > since),
    close: () => void socket.close(),
  };
}

// The typed Socket.IO client for the live fleet feed (websocket only: the server offers no polling).
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@/server/domain/live-protocol';

export type FleetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function createFleetSocket(): FleetSocket {
  return io({ path: '/socket.io', transports: ['websocket'], reconnectionDelayMax: 3000 });
}

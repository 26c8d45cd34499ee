// What each client → server Socket.IO event needs. Typed against ClientToServerEvents so a new event cannot be
// added without deciding who may send it.
import type { ClientToServerEvents } from '../live-protocol';
import type { Capability } from './roles';

export const SOCKET_EVENT_CAPABILITY: Record<keyof ClientToServerEvents, Capability> = {
  'fleet:resync': 'view',
  'flow:hops': 'view',
  'flow:subscribe': 'view',
  'flow:unsubscribe': 'view',
};

export const isClientEvent = (e: string): e is keyof ClientToServerEvents => Object.hasOwn(SOCKET_EVENT_CAPABILITY, e);

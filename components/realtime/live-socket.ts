// The one live socket of the page (opened by FleetLiveSocket), for features other than the fleet feed that
// talk over it (the data-flow view subscribes to graph pushes on it rather than opening a second connection).
import { create } from 'zustand';
import type { FleetSocket } from './fleet-socket';

export const useLiveSocket = create<{ socket: FleetSocket | null }>(() => ({ socket: null }));

'use client';
// Opens the one live-fleet socket for the whole app (mounted in the layout, so it survives navigation)
// and feeds FleetSync.
import { useEffect, type ReactNode } from 'react';
import { reportBrowserHops } from './browser-hops';
import { createFleetSocket } from './fleet-socket';
import { useFleetStore } from './fleet-store';
import { FleetSync } from './fleet-sync';
import { useLiveSocket } from './live-socket';
import './fleet-debug';

export function FleetLiveProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    const socket = createFleetSocket();
    useLiveSocket.setState({ socket });
    const sync = new FleetSync(() => socket.emit('fleet:resync'));
    sync.start();
    socket.on('connect', () => useFleetStore.setState({ connection: 'connecting' }));
    socket.on('fleet:snapshot', (s) => sync.snapshot(s));
    socket.on('fleet:frame', (f) => {
      sync.frame(f);
      if (f.traced) reportBrowserHops(socket, f.traced);
    });
    socket.on('disconnect', () => {
      sync.disconnected();
      useFleetStore.setState({ connection: 'reconnecting' });
    });
    socket.on('connect_error', () => useFleetStore.setState({ connection: 'reconnecting' }));
    return () => {
      sync.stop();
      socket.removeAllListeners();
      socket.disconnect();
      useLiveSocket.setState({ socket: null });
    };
  }, []);
  return children;
}

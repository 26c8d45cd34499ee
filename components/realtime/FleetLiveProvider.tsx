'use client';
// Opens the one live-fleet socket for the whole app (mounted in the layout, so it survives navigation)
// and feeds FleetSync and the live command store.
import { useEffect, type ReactNode } from 'react';
import { applyCommandUpdates } from '@/components/commands/command-store';
import { resyncCommands } from '@/components/commands/resync-commands';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { reportBrowserHops } from './browser-hops';
import { createFleetSocket } from './fleet-socket';
import { useFleetStore } from './fleet-store';
import { FleetSync } from './fleet-sync';
import { useLiveSocket } from './live-socket';
import './fleet-debug';

export function FleetLiveProvider({ children }: { children: ReactNode }) {
  const client = useTRPCClient();
  useEffect(() => {
    const socket = createFleetSocket();
    useLiveSocket.setState({ socket });
    const sync = new FleetSync(() => socket.emit('fleet:resync'));
    sync.start();
    let connectedBefore = false;
    socket.on('connect', () => {
      useFleetStore.setState({ connection: 'connecting' });
      if (connectedBefore) void resyncCommands(client);
      connectedBefore = true;
    });
    socket.on('fleet:snapshot', (s) => sync.snapshot(s));
    socket.on('fleet:frame', (f) => {
      sync.frame(f);
      if (f.traced) reportBrowserHops(socket, f.traced);
    });
    socket.on('commands:update', (cs) => applyCommandUpdates(cs));
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
  }, [client]);
  return children;
}

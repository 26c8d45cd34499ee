'use client';
// Opens the one live-fleet socket for the whole app (mounted once by the app layout, so it survives navigation)
// and feeds FleetSync and the live command and alert stores. The server ends the socket of a revoked or expired session
// (`auth:revoked`, or the handshake is refused as 'unauthorized'): the page then goes to /login and back here
// after signing in. A role change (`auth:changed`) reloads auth.me, so controls appear or disappear.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { applyAlertSnapshot, applyAlertUpdate } from '@/components/alerts';
import { sessionEnded } from '@/components/auth/session';
import { applyCommandUpdates } from '@/components/commands';
import { resyncCommands } from '@/components/commands';
import { useTRPC, useTRPCClient } from '@/components/trpc/trpc-context';
import { reportBrowserHops } from './browser-hops';
import { createFleetSocket } from './fleet-socket';
import { useFleetStore } from './fleet-store';
import { FleetSync } from './fleet-sync';
import { useLiveSocket } from './live-socket';
import './fleet-debug';

export function FleetLiveSocket(): null {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
    socket.on('alerts:snapshot', (s) => applyAlertSnapshot(s));
    socket.on('alerts:update', (u) => applyAlertUpdate(u));
    socket.on('disconnect', (reason) => {
      sync.disconnected();
      useFleetStore.setState({ connection: 'reconnecting' });
      // The server closed it (the client does not retry on its own): try again, so that a session cut off
      // without its `auth:revoked` arriving still ends on the login page ('unauthorized' below).
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') return sessionEnded();
      useFleetStore.setState({ connection: 'reconnecting' });
    });
    socket.on('auth:revoked', () => sessionEnded());
    socket.on('auth:changed', () => void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }));
    return () => {
      sync.stop();
      socket.removeAllListeners();
      socket.disconnect();
      useLiveSocket.setState({ socket: null });
    };
  }, [client, trpc, queryClient]);
  return null;
}

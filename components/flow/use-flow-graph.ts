'use client';
// The live data-flow graph: subscribes on the page's live socket and keeps the latest push.
import { useEffect, useState } from 'react';
import type { FlowGraph } from '@/server/domain/flow/topology';
import { useLiveSocket } from '@/components/realtime/live-socket';

export function useFlowGraph(): FlowGraph | null {
  const socket = useLiveSocket((s) => s.socket);
  const [graph, setGraph] = useState<FlowGraph | null>(null);
  useEffect(() => {
    if (!socket) return;
    const subscribe = () => socket.emit('flow:subscribe');
    socket.on('connect', subscribe);
    socket.on('flow:graph', setGraph);
    if (socket.connected) subscribe();
    return () => {
      socket.off('connect', subscribe);
      socket.off('flow:graph', setGraph);
      socket.emit('flow:unsubscribe');
    };
  }, [socket]);
  return graph;
}

'use client';
// One replay engine per fleet page: made with the page's tRPC client, started at `?at=` when the page is opened
// with one, and sent back to live when the page goes away (other pages show the live fleet).
import { useEffect, useMemo } from 'react';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { ReplayEngine } from './replay-engine';
import { trpcReplaySource, type ReplaySource } from './replay-source';
import { readAtFromUrl } from './replay-url';

export interface Replay {
  engine: ReplayEngine;
  source: ReplaySource;
}

export function useReplay(): Replay {
  const client = useTRPCClient();
  const replay = useMemo(() => {
    const source = trpcReplaySource(client);
    return { source, engine: new ReplayEngine(source) };
  }, [client]);
  useEffect(() => {
    const at = readAtFromUrl();
    if (at !== null) replay.engine.jump(at);
    return () => replay.engine.dispose();
  }, [replay]);
  return replay;
}

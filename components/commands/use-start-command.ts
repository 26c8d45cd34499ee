'use client';
// Starts a command from a button or the palette: straight away, or through the target/confirm steps.
import { useCallback } from 'react';
import type { CommandType } from '@/server/domain/commands/command';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { firstStep, openFlow } from './command-flow-store';
import { issueCommands } from './issue-commands';

export function useStartCommand(): (type: CommandType, robotIds: readonly number[]) => void {
  const client = useTRPCClient();
  return useCallback(
    (type, robotIds) => {
      if (robotIds.length === 0) return;
      const step = firstStep(type);
      if (step) openFlow({ type, robotIds: [...robotIds], step });
      else void issueCommands(client, { type, robotIds: [...robotIds] });
    },
    [client],
  );
}

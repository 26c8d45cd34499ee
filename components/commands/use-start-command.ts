'use client';
// Starts a command from a button or the palette: straight away, or through the target/confirm steps. A command
// any of whose robots is offline or silent is always confirmed, so the operator reads that it will wait and expire.
import { useCallback } from 'react';
import type { CommandType } from '@/server/domain/commands/command';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { firstStep, openFlow } from './command-flow-store';
import { issueCommands } from './issue-commands';
import { unreachableTargets } from './offline-targets';

export function useStartCommand(): (type: CommandType, robotIds: readonly number[]) => void {
  const client = useTRPCClient();
  return useCallback(
    (type, robotIds) => {
      if (robotIds.length === 0) return;
      const offline = unreachableTargets(robotIds, useFleetStore.getState().robots).length > 0;
      const step = firstStep(type, offline);
      if (step) openFlow({ type, robotIds: [...robotIds], step });
      else void issueCommands(client, { type, robotIds: [...robotIds] });
    },
    [client],
  );
}

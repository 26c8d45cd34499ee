'use client';
// The warning that some targets of a command cannot hear it now (offline or silent): shown over the command
// buttons and in confirmations, kept current as robots drop off or come back.
import { useShallow } from 'zustand/react/shallow';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { robotName } from './command-outcomes';
import { offlineWarning, unreachableTargets } from './offline-targets';

/** The ids among `robotIds` that cannot hear a command now (a stable array while that does not change). */
export function useUnreachable(robotIds: readonly number[]): number[] {
  return useFleetStore(useShallow((s) => unreachableTargets(robotIds, s.robots)));
}

export function OfflineNote({ robotIds, testId = 'offline-warning' }: { robotIds: readonly number[]; testId?: string }) {
  const unreachable = useUnreachable(robotIds);
  const text = offlineWarning(unreachable, robotIds.length, robotName);
  if (!text) return null;
  return (
    <p className="offline-note" role="note" data-testid={testId}>
      <span aria-hidden>⚠</span> {text}
    </p>
  );
}

'use client';
// Pauses just the selected robots, ahead of anything queued (stop-all's priority): the selection's counterpart of
// the emergency Stop all, which always covers the fleet. No confirmation: stopping fewer robots is never riskier.
import { useState } from 'react';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { stopRobots } from './issue-commands';

export function PauseSelectedButton({ robotIds }: { robotIds: readonly number[] }) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const n = robotIds.length;
  return (
    <button
      type="button"
      className="small-button danger pause-selected"
      data-testid="pause-selected"
      disabled={busy || n === 0}
      title="Pause the selected robots ahead of any queued command (Stop all in the header pauses the whole fleet)"
      onClick={() => {
        setBusy(true);
        stopRobots(client, [...robotIds])
          .catch(() => undefined) // Said by stopRobots' toast.
          .finally(() => setBusy(false));
      }}
    >
      <span aria-hidden>■</span> {busy ? 'Pausing…' : `Pause ${n} selected`}
    </button>
  );
}

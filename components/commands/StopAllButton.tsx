'use client';
// The always-visible emergency stop: pauses every robot of the fleet, whatever is selected (pausing only the
// selection is the selection panel's and the palette's), after one confirmation that says how many robots it
// covers and how many cannot hear it now; then says how many pause commands went out.
import { useEffect, useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { setStopAllOpen, useCommandFlow } from './command-flow-store';
import { stopRobots } from './issue-commands';
import { OfflineNote } from './OfflineNote';
import { effectOf } from './robots-label';
import './commands.css';

const RESULT_SHOWN_MS = 8_000;

const robots = (n: number) => `${n} robot${n === 1 ? '' : 's'}`;

export function StopAllButton() {
  const ids = useFleetStore((s) => s.ids);
  const selected = useFleetStore((s) => s.selectedIds.length);
  const open = useCommandFlow((s) => s.stopAllOpen);
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  useEffect(() => {
    if (!result) return;
    const t = setTimeout(() => setResult(null), RESULT_SHOWN_MS);
    return () => clearTimeout(t);
  }, [result]);

  const total = ids.length;
  const onConfirm = async () => {
    setBusy(true);
    try {
      const issued = await stopRobots(client, undefined);
      const rejected = issued.filter((c) => c.status === 'rejected').length;
      setResult(`Pause sent to ${robots(issued.length - rejected)}${rejected ? `, ${rejected} rejected` : ''}`);
    } catch {
      setResult('Stop failed: see the notice');
    } finally {
      setBusy(false);
      setStopAllOpen(false);
    }
  };

  return (
    <div className="stop-all">
      <button
        type="button"
        className="stop-all-button"
        data-testid="stop-all"
        data-scope="fleet"
        disabled={busy || total === 0}
        onClick={() => setStopAllOpen(true)}
        title={`Pause every robot in the fleet (${robots(total)}), whatever is selected`}
      >
        <span aria-hidden>■</span> {busy ? 'Stopping…' : 'Stop all'}
      </button>
      {result ? (
        <span className="stop-all-result" role="status" data-testid="stop-all-result">
          {result}
        </span>
      ) : null}
      {open ? (
        <ConfirmDialog
          title={`Pause all ${total} robots?`}
          confirmLabel={`Pause all ${total}`}
          busy={busy}
          onConfirm={() => void onConfirm()}
          onCancel={() => setStopAllOpen(false)}
        >
          <p>{effectOf('pause', undefined)}</p>
          {selected > 0 ? (
            <p className="muted" data-testid="stop-all-selection-note">
              This stops the whole fleet, not only the {robots(selected)} selected.
            </p>
          ) : null}
          <OfflineNote robotIds={ids} testId="stop-all-offline-warning" />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

'use client';
// The always-visible stop control: pauses every robot, or the selection when there is one (the label says
// which), after one confirmation; then says how many pause commands went out.
import { useEffect, useState } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { setStopAllOpen, useCommandFlow } from './command-flow-store';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { stopRobots } from './issue-commands';
import { effectOf } from './robots-label';
import './commands.css';

const RESULT_SHOWN_MS = 8_000;

export function StopAllButton() {
  const selected = useFleetStore((s) => s.selectedIds);
  const total = useFleetStore((s) => s.ids.length);
  const open = useCommandFlow((s) => s.stopAllOpen);
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  useEffect(() => {
    if (!result) return;
    const t = setTimeout(() => setResult(null), RESULT_SHOWN_MS);
    return () => clearTimeout(t);
  }, [result]);

  const scoped = selected.length > 0;
  const label = scoped ? `Stop ${selected.length} selected` : 'Stop all';
  const onConfirm = async () => {
    const targets = scoped ? [...selected] : undefined;
    setBusy(true);
    try {
      const issued = await stopRobots(client, targets);
      const rejected = issued.filter((c) => c.status === 'rejected').length;
      setResult(
        `Pause sent to ${issued.length - rejected} robot${issued.length - rejected === 1 ? '' : 's'}${rejected ? `, ${rejected} rejected` : ''}`,
      );
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
        data-scope={scoped ? 'selection' : 'fleet'}
        disabled={busy || (!scoped && total === 0)}
        onClick={() => setStopAllOpen(true)}
        title={scoped ? 'Pause the selected robots' : 'Pause every robot in the fleet'}
      >
        <span aria-hidden>■</span> {busy ? 'Stopping…' : label}
      </button>
      {result ? (
        <span className="stop-all-result" role="status" data-testid="stop-all-result">
          {result}
        </span>
      ) : null}
      {open ? (
        <ConfirmDialog
          title={scoped ? `Pause the ${selected.length} selected robot${selected.length === 1 ? '' : 's'}?` : `Pause all ${total} robots?`}
          confirmLabel={scoped ? `Pause ${selected.length}` : 'Pause all'}
          busy={busy}
          onConfirm={() => void onConfirm()}
          onCancel={() => setStopAllOpen(false)}
        >
          <p>{effectOf('pause', undefined)}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

'use client';
// Hosts the steps between pressing a command and sending it: the target picker (list or map pick) and the
// confirmation (disruptive commands, commands to the whole fleet or to a robot that is offline), and the
// confirmation of a cancel. Mounted once in the app shell, so the panel, the palette and the ledger share it.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { useTRPC, useTRPCClient } from '@/components/trpc/trpc-context';
import { COMMAND_NAME } from './command-format';
import { chooseTarget, closeFlow, setPicking, useCommandFlow } from './command-flow-store';
import { robotName } from './command-outcomes';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { CancelConfirm } from './CancelConfirm';
import { issueCommands } from './issue-commands';
import { OfflineNote } from './OfflineNote';
import { effectOf, robotsLabel } from './robots-label';
import { TargetPicker } from './TargetPicker';
import { targetParams } from './target-options';

export function CommandFlowHost() {
  const cancelAsk = useCommandFlow((s) => s.cancelAsk);
  return (
    <>
      <PendingCommandSteps />
      {cancelAsk ? <CancelConfirm key={cancelAsk.commandId} ask={cancelAsk} /> : null}
    </>
  );
}

function PendingCommandSteps() {
  const pending = useCommandFlow((s) => s.pending);
  const picking = useCommandFlow((s) => s.picking);
  const canPickOnMap = useCommandFlow((s) => s.mapPickAvailable);
  const hover = useCommandFlow((s) => s.pickHover);
  useFleetStore((s) => s.robots); // Re-render when serial numbers arrive, for the labels.
  const trpc = useTRPC();
  const client = useTRPCClient();
  const map = useQuery({ ...trpc.map.get.queryOptions(), enabled: pending?.step === 'target' });

  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      setPicking(false); // Back to the list.
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [picking]);

  if (!pending) return null;
  const who = robotsLabel(pending.robotIds, robotName);
  if (pending.step === 'target') {
    if (picking) {
      return (
        <div className="pick-banner" role="status" data-testid="pick-banner">
          Click a node on the map: target of <strong>{COMMAND_NAME[pending.type]}</strong> for {who}
          {hover ? <strong className="accent"> → {hover}</strong> : null}.{' '}
          <button type="button" className="small-button" onClick={() => setPicking(false)}>
            Back to list <kbd>Esc</kbd>
          </button>
        </div>
      );
    }
    return (
      <TargetPicker
        pending={pending}
        map={map.data}
        mapError={map.error?.message ?? null}
        canPickOnMap={canPickOnMap}
        robotsLabel={who}
        onChoose={(t) => chooseTarget(targetParams(pending.type, t), t.label)}
        onPickOnMap={() => setPicking(true)}
        onCancel={closeFlow}
      />
    );
  }
  const n = pending.robotIds.length;
  const what = `${COMMAND_NAME[pending.type]}${pending.targetLabel ? ` ${pending.targetLabel}` : ''}`;
  const effect = effectOf(pending.type, pending.targetLabel);
  return (
    <ConfirmDialog
      title={pending.fleetWide ? `${what} all ${n} robots?` : `${what} · ${who}?`}
      confirmLabel={pending.fleetWide ? `${COMMAND_NAME[pending.type]} all ${n}` : n > 1 ? `Send to ${n} robots` : 'Send'}
      onCancel={closeFlow}
      onConfirm={() => {
        closeFlow();
        void issueCommands(client, pending);
      }}
    >
      {effect ? <p>{effect}</p> : null}
      <OfflineNote robotIds={pending.robotIds} testId="confirm-offline-warning" />
    </ConfirmDialog>
  );
}

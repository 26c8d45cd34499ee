'use client';
// Acknowledge / resolve through tRPC: the dialog's state, the call, the answer applied to the live store at once
// and a toast when it is done.
import { useCallback, useState } from 'react';
import type { AlertView } from '@/server/domain/alerts/alert';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { pushToast } from '@/components/ui/toast-store';
import { applyOwnAlertChange } from './alert-store';
import type { AlertAction } from './AlertRow';

export interface PendingAction {
  alert: AlertView;
  action: AlertAction;
}

const DONE: Record<AlertAction, string> = { acknowledge: 'Acknowledged', resolve: 'Resolved' };

export function useAlertAction() {
  const client = useTRPCClient();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = useCallback((alert: AlertView, action: AlertAction) => {
    setError(null);
    setPending({ alert, action });
  }, []);
  const cancel = useCallback(() => setPending(null), []);

  const confirm = async (note: string) => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    const input = { id: pending.alert.id, note: note || undefined };
    try {
      const changed =
        pending.action === 'acknowledge' ? await client.alerts.acknowledge.mutate(input) : await client.alerts.resolve.mutate(input);
      applyOwnAlertChange(changed);
      pushToast({ tone: 'ok', title: `${DONE[pending.action]}: ${pending.alert.title}`, detail: note || null });
      setPending(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return { pending, busy, error, open, cancel, confirm };
}

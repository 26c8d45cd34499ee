'use client';
// Revoking a zone's or edge's grant (operators): which one the confirmation is open for, the call, the zone views
// refreshed at once, and a toast with the outcome. A refusal stays in the dialog.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ResourceKind } from '@/server/domain/zones/zone-types';
import { useTRPC, useTRPCClient } from '@/components/trpc/trpc-context';
import { pushToast } from '@/components/ui/toast-store';
import { zonesErrorText } from './zone-format';

export interface RevokeTarget {
  kind: ResourceKind;
  id: string;
  /** The holder as the table showed it, for the dialog's words. */
  holderName: string;
}

export function useZoneRevoke() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<RevokeTarget | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = useCallback((t: RevokeTarget) => {
    setError(null);
    setTarget(t);
  }, []);
  const cancel = useCallback(() => setTarget(null), []);

  const confirm = async () => {
    if (!target || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await client.zones.revoke.mutate({ kind: target.kind, id: target.id });
      pushToast(
        result.revoked
          ? { tone: 'ok', title: `Revoked ${target.kind} ${target.id}`, detail: `${target.holderName} was told to give it up.` }
          : { tone: 'warn', title: `${target.id} was not held any more`, detail: 'Nothing to revoke.' },
      );
      setTarget(null);
      void queryClient.invalidateQueries(trpc.zones.pathFilter());
    } catch (e) {
      setError(zonesErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  return { target, busy, error, open, cancel, confirm };
}

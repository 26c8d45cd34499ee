import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CommandLedger } from '@/components/commands/ledger/CommandLedger';
import { StateMessage } from '@/components/ui/StateMessage';

export const metadata: Metadata = { title: 'Commands — FleetScope' };

export default function CommandsPage() {
  // The ledger reads ?robot= from the URL, which needs a Suspense boundary for static rendering.
  return (
    <Suspense fallback={<StateMessage title="Loading commands…" busy />}>
      <CommandLedger />
    </Suspense>
  );
}

import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AlertCenter } from '@/components/alerts';
import { StateMessage } from '@/components/ui/StateMessage';

export const metadata: Metadata = { title: 'Alerts — FleetScope' };

export default function AlertsPage() {
  // The page reads its filters and the highlighted alert from the URL, which needs a Suspense boundary.
  return (
    <Suspense fallback={<StateMessage title="Loading alerts…" busy />}>
      <AlertCenter />
    </Suspense>
  );
}

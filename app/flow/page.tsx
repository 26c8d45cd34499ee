import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FlowExplorer } from '@/components/flow/FlowExplorer';
import { StateMessage } from '@/components/ui/StateMessage';

export const metadata: Metadata = { title: 'Data flow — FleetScope' };

export default function FlowPage() {
  // The trace search reads ?at= (a replayed moment) from the URL, which needs a Suspense boundary for static rendering.
  return (
    <Suspense fallback={<StateMessage title="Loading the data flow…" busy />}>
      <FlowExplorer />
    </Suspense>
  );
}

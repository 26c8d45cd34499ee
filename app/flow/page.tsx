import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/ui/StateMessage';

export const metadata: Metadata = { title: 'Data flow — FleetScope' };

export default function FlowPage() {
  return (
    <PlaceholderPage title="Data flow — coming with the flow tracing issue">
      <p>
        This page will draw how messages travel: robots → MQTT gateway → message bus → ingest, state store, alerts
        and live fan-out, with live rates, latencies, backlogs and drops on every edge, and the full path of any
        single message.
      </p>
      <p className="muted">Nothing is shown yet: flow tracing is not implemented in this build.</p>
    </PlaceholderPage>
  );
}

import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/ui/StateMessage';

export const metadata: Metadata = { title: 'Commands — FleetScope' };

export default function CommandsPage() {
  return (
    <PlaceholderPage title="Command ledger — coming with the command issue">
      <p>
        This page will list every command sent to a robot (pause, resume, cancel, go to a node or dock, charge,
        emergency stop) with its status as it moves from <em>requested</em> to <em>succeeded</em>, <em>failed</em>,{' '}
        <em>expired</em> or <em>rejected</em>.
      </p>
      <p className="muted">Nothing is shown yet: commands are not implemented in this build.</p>
    </PlaceholderPage>
  );
}

import type { Metadata } from 'next';
import { ZonesPanel } from '@/components/zones';

export const metadata: Metadata = { title: 'Zones — FleetScope' };

// /zones: the site's zones with holder, lease and queue, operators' revoke, and the zone and edge request log.
export default function ZonesPage() {
  return <ZonesPanel />;
}

import type { Metadata } from 'next';
import { AuditLog } from '@/components/admin/AuditLog';

export const metadata: Metadata = { title: 'Audit log — FleetScope' };

/** Filters and sort come from the URL (?actor=&action=&outcome=&from=&to=&sort=&dir=), e.g. a shared link. */
export default function AuditPage() {
  return <AuditLog />;
}

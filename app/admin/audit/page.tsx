import type { Metadata } from 'next';
import { formFromQuery } from '@/components/admin/audit-filter';
import { AuditLog } from '@/components/admin/AuditLog';

export const metadata: Metadata = { title: 'Audit log — FleetScope' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  // Filters from the URL (?actor=&action=&outcome=&from=&to=), e.g. a shared link.
  const initial = formFromQuery((k) => {
    const v = q[k];
    return Array.isArray(v) ? v[0] : v;
  });
  return <AuditLog initial={initial} />;
}

import { type ReactNode, Suspense } from 'react';
import { AdminFrame } from '@/components/admin/AdminFrame';
import { StateMessage } from '@/components/ui/StateMessage';

export default function AdminLayout({ children }: { children: ReactNode }) {
  // The admin lists read their filters and sort from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <AdminFrame>
      <Suspense fallback={<StateMessage title="Loading…" busy />}>{children}</Suspense>
    </AdminFrame>
  );
}

import type { Metadata } from 'next';
import { CredentialsAdmin } from '@/components/admin/CredentialsAdmin';

export const metadata: Metadata = { title: 'Robot credentials — FleetScope' };

export default function CredentialsPage() {
  return <CredentialsAdmin />;
}

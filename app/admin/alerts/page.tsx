import type { Metadata } from 'next';
import { AlertRulesAdmin } from '@/components/alerts';

export const metadata: Metadata = { title: 'Alert rules — FleetScope' };

export default function AlertRulesPage() {
  return <AlertRulesAdmin />;
}

import type { Metadata } from 'next';
import { FlowExplorer } from '@/components/flow/FlowExplorer';

export const metadata: Metadata = { title: 'Data flow — FleetScope' };

export default function FlowPage() {
  return <FlowExplorer />;
}

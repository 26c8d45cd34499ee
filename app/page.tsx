import { FleetView } from '@/components/fleet/FleetView';

export default function FleetPage() {
  return <FleetView />;
}

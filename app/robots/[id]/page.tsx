import type { Metadata } from 'next';
import { RobotDetail } from '@/components/fleet/RobotDetail';
import { StateMessage } from '@/components/ui/StateMessage';

export const metadata: Metadata = { title: 'Robot — FleetScope' };

export default async function RobotPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const robotId = Number(id);
  if (!Number.isInteger(robotId) || robotId <= 0) {
    return <StateMessage title={`"${id}" is not a robot id`}>Robot ids are positive whole numbers.</StateMessage>;
  }
  return <RobotDetail id={robotId} />;
}

import type { Metadata } from 'next';
import { RobotWhy } from '@/components/history';
import { parseAtParam } from '@/components/history/time-format';
import { StateMessage } from '@/components/ui/StateMessage';

export const metadata: Metadata = { title: 'Why did it stop? — FleetScope' };

export default async function RobotWhyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ at?: string | string[] }>;
}) {
  const { id } = await params;
  const { at: rawAt } = await searchParams;
  const robotId = Number(id);
  if (!Number.isInteger(robotId) || robotId <= 0) {
    return <StateMessage title={`"${id}" is not a robot id`}>Robot ids are positive whole numbers.</StateMessage>;
  }
  const raw = Array.isArray(rawAt) ? rawAt[0] : rawAt;
  // No ?at=: the question is about now.
  const at = raw === undefined ? Date.now() : parseAtParam(raw);
  if (at === null) {
    return <StateMessage title={`"${raw}" is not a moment`}>Pass ?at= as epoch milliseconds or an ISO 8601 time.</StateMessage>;
  }
  return <RobotWhy robotId={robotId} at={at} pinAt={raw === undefined} />;
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RobotDetail } from '@/components/fleet/RobotDetail';
import { parseRobotIdParam } from '@/components/fleet/robot-id-param';
import { getRuntime } from '@/server/runtime';

type Params = { params: Promise<{ id: string }> };

// The live fleet as the server holds it (the same reader as tRPC fleet.byId): a robot that does not exist answers
// HTTP 404 with not-found.tsx instead of a page that says "not found" with 200.
async function robotOf(params: Params['params']) {
  const id = parseRobotIdParam((await params).id);
  return id === null ? undefined : getRuntime().fleet.get(id);
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const robot = await robotOf(params);
  return { title: robot ? `${robot.serialNumber} — FleetScope` : 'Robot not found — FleetScope' };
}

export default async function RobotPage({ params }: Params) {
  const robot = await robotOf(params);
  if (!robot) notFound();
  return <RobotDetail id={robot.id} />;
}

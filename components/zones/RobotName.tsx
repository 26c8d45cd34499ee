'use client';
// A robot named as the fleet list names it (name, else serial; "robot #id" until the live feed knows it), as a
// link to its page. Subscribes to that one name, so a row re-renders only when the name changes.
import Link from 'next/link';
import { useFleetStore } from '@/components/realtime/fleet-store';

export function useRobotName(id: number): string {
  return useFleetStore((s) => {
    const r = s.robots[id];
    return r ? r.name || r.serialNumber : `robot #${id}`;
  });
}

export function RobotName({ id, link = true }: { id: number; link?: boolean }) {
  const name = useRobotName(id);
  if (!link) return <span>{name}</span>;
  return (
    <Link href={`/robots/${id}`} prefetch={false} data-robot-id={id}>
      {name}
    </Link>
  );
}

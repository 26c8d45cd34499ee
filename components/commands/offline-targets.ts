// Which targets of a command cannot hear it now, and how a button or confirmation says so (pure). A command to
// such a robot is not refused: it waits in the queue for the robot and expires unsent when its TTL runs out.
import { DEFAULT_TTL_MS } from '@/server/domain/commands/command';
import type { RobotView } from '@/server/domain/robot';

type Reach = Pick<RobotView, 'connection' | 'stale'>;

/** Offline (not connected) or silent (connected, but no message for too long). */
export const isUnreachable = (r: Reach | undefined): boolean => r !== undefined && (r.connection !== 'ONLINE' || r.stale === true);

export function unreachableTargets(ids: readonly number[], robots: Readonly<Record<number, Reach>>): number[] {
  return ids.filter((id) => isUnreachable(robots[id]));
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** "SIM-0011 is offline: …" for one robot, "2 of 24 robots are offline (…): …" for several; null when all can hear. */
export function offlineWarning(
  unreachable: readonly number[],
  total: number,
  name: (id: number) => string,
  ttlMs: number = DEFAULT_TTL_MS,
): string | null {
  if (unreachable.length === 0) return null;
  const wait = `waits until it reconnects and expires unsent after ${seconds(ttlMs)}`;
  if (total === 1) return `${name(unreachable[0]!)} is offline: the command ${wait}.`;
  const named = unreachable.slice(0, 3).map(name).join(', ') + (unreachable.length > 3 ? ', …' : '');
  const verb = unreachable.length === 1 ? 'is' : 'are';
  return `${unreachable.length} of ${total} robots ${verb} offline (${named}): the command to each ${wait}.`;
}

// The [id] of /robots/[id] as a robot id: a positive whole number in decimal (as the app's links write it) within
// the API's bounds; anything else ("abc", "1.5", "007", "1e3") names no robot.
import { MAX_ROBOT_ID } from '@/server/domain/input-bounds';

export function parseRobotIdParam(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ROBOT_ID ? id : null;
}

// The palette's robot entries (pure): find a robot by serial number or name, then follow it in the 3D view or open
// its page. Offered only once something is typed.
import { robotStatus, type RobotView } from '@/server/domain/robot';
import type { PaletteAction } from './palette-actions';

type Found = Pick<RobotView, 'id' | 'serialNumber' | 'name' | 'manufacturer' | 'connection' | 'errors' | 'charging' | 'paused' | 'driving'>;

export interface RobotHandlers {
  follow(id: number): void;
  open(id: number): void;
}

export function robotActions(robots: readonly Found[], on: RobotHandlers): PaletteAction[] {
  const out: PaletteAction[] = [];
  for (const r of robots) {
    const named = r.name && r.name !== r.serialNumber ? ` ${r.name}` : '';
    const hint = `${named ? `${r.name} · ` : ''}${robotStatus(r)}`;
    const keywords = `robot ${r.serialNumber}${named} ${r.manufacturer} #${r.id}`;
    out.push(
      {
        id: `robot-follow-${r.id}`,
        label: `Follow ${r.serialNumber}`,
        hint,
        keywords: `${keywords} select find`,
        searchOnly: true,
        run: () => on.follow(r.id),
      },
      {
        id: `robot-open-${r.id}`,
        label: `Open ${r.serialNumber}`,
        hint: 'robot page',
        keywords: `${keywords} details`,
        searchOnly: true,
        run: () => on.open(r.id),
      },
    );
  }
  return out;
}

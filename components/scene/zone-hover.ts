// The zone under the pointer in the 3D view (null when none) and where the pointer is: ZoneFloor writes them from
// three's picking, ZoneTooltip shows the zone next to the pointer. The position is a plain object read by
// requestAnimationFrame, so moving within a zone renders no React.
import { create } from 'zustand';

export const useZoneHover = create<{ zoneId: string | null }>()(() => ({ zoneId: null }));

/** Pointer position in viewport pixels (clientX / clientY) while a zone is hovered. */
export const zonePointer = { x: 0, y: 0 };

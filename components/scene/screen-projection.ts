// Where a robot is drawn on screen, in CSS pixels relative to the canvas (set by the scene while mounted).
// Box select and shift-click use it; window.__fleetDebug.screenPositionOf exposes the same function to tests.
import type { Point } from './box-selection';

export const screenProjection: { positionOf(id: number): Point | null } = {
  positionOf: () => null,
};

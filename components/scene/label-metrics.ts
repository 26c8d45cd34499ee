// Label sizes in CSS px, shared by the label shader's uniforms, the layout and pointer hit-testing.
import { LABEL_CELL_HEIGHT } from './glyph-atlas';
import type { LabelMetrics } from './label-layout';

export const LABEL_PADDING = { x: 4, y: 2 } as const;

export const LABEL_METRICS: LabelMetrics = {
  height: LABEL_CELL_HEIGHT + 2 * LABEL_PADDING.y,
  lift: 8,
  margin: 2,
};

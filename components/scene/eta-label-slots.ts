// The DOM elements of the planned paths' ETA labels: PathEtaLabels (outside the canvas) registers a fixed pool,
// PlannedPaths (inside it) moves, fills and hides them each frame, so ETAs change without rendering React.
export const MAX_ETA_LABELS = 24;

export const etaLabelSlots: (HTMLSpanElement | null)[] = Array.from({ length: MAX_ETA_LABELS }, () => null);

// Which points of a robot's reported path get an ETA label, and how the ETA reads ("+4 s"). Pure.

/** Labels per robot: enough to read the pace along the path without covering it. */
export const ETA_LABELS_PER_PATH = 3;

/** Up to `max` point indices of a path of `n` points, evenly spread, ascending, the last point always among them. */
export function etaLabelIndices(n: number, max = ETA_LABELS_PER_PATH): number[] {
  if (n <= 0 || max <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 1; k <= max; k++) out.add(Math.round((k * n) / max) - 1);
  return [...out].sort((a, b) => a - b);
}

/** Seconds from now until `eta` (both epoch ms, server time): "+4 s", "+2 min 05 s"; "now" once it is due. */
export function etaText(eta: number, now: number): string {
  const s = Math.round((eta - now) / 1000);
  if (s <= 0) return 'now';
  if (s < 60) return `+${s} s`;
  return `+${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

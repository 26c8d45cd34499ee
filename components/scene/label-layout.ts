// Which robot labels to draw this frame, in screen space: labels never overlap; the hovered robot's label wins,
// then the selected robots', then faulted and offline robots', then the rest in list order (a stable order, so
// labels do not flicker as robots move). A spatial hash keeps it linear in the number of robots.

/** Label priorities, highest first. */
export const PRIORITY = { none: 0, fault: 1, selected: 2, hovered: 3 } as const;

export interface LabelMetrics {
  /** Label height in CSS px. */
  height: number;
  /** Gap between the robot's anchor point and the label's bottom edge, in CSS px. */
  lift: number;
  /** Extra free space kept around each label, in CSS px. */
  margin: number;
}

export interface LabelFrame {
  n: number;
  /** Anchor positions on screen, CSS px from the canvas' top left. */
  sx: Float32Array;
  sy: Float32Array;
  /** 1 when the robot is drawn and its anchor is in front of the camera. */
  candidate: Uint8Array;
  /** Label widths in CSS px. */
  width: Float32Array;
  priority: Uint8Array;
}

/** The label's rectangle: centred above its anchor. */
export function labelRect(f: LabelFrame, i: number, m: LabelMetrics): { left: number; top: number; right: number; bottom: number } {
  const w = f.width[i]!;
  const bottom = f.sy[i]! - m.lift;
  return { left: f.sx[i]! - w / 2, top: bottom - m.height, right: f.sx[i]! + w / 2, bottom };
}

export class LabelLayout {
  private head = new Int32Array(0);
  private stamp = new Uint32Array(0);
  private next = new Int32Array(0);
  private cellOf = new Int32Array(0);
  private frame = 0;

  /**
   * Fills `shown` (1 = draw the label) for a viewport of width × height CSS px; returns how many are shown.
   * Each placed label is linked into every grid cell its rectangle touches (cells are at least one label large,
   * so at most four), and a new label is checked only against the labels in its own cells.
   */
  place(f: LabelFrame, m: LabelMetrics, width: number, height: number, shown: Uint8Array): number {
    let maxW = 1;
    for (let i = 0; i < f.n; i++) if (f.candidate[i] && f.width[i]! > maxW) maxW = f.width[i]!;
    const cw = maxW + 2 * m.margin;
    const ch = m.height + 2 * m.margin;
    const cols = Math.max(1, Math.ceil(width / cw));
    const rows = Math.max(1, Math.ceil(height / ch));
    this.ensure(cols * rows, f.n * 4);
    this.frame++;
    let links = 0;
    let count = 0;
    shown.fill(0, 0, f.n);
    for (let p = PRIORITY.hovered; p >= PRIORITY.none; p--) {
      for (let i = 0; i < f.n; i++) {
        if (!f.candidate[i] || f.priority[i] !== p) continue;
        // Inline rather than labelRect(): no allocation per robot per frame.
        const half = f.width[i]! / 2;
        const base = f.sy[i]! - m.lift;
        if (f.sx[i]! + half < 0 || f.sx[i]! - half > width || base < 0 || base - m.height > height) continue;
        const left = f.sx[i]! - half - m.margin;
        const right = f.sx[i]! + half + m.margin;
        const top = base - m.height - m.margin;
        const bottom = base + m.margin;
        const c0 = Math.max(0, Math.floor(left / cw));
        const c1 = Math.min(cols - 1, Math.floor(right / cw));
        const r0 = Math.max(0, Math.floor(top / ch));
        const r1 = Math.min(rows - 1, Math.floor(bottom / ch));
        if (this.overlaps(f, m, c0, c1, r0, r1, cols, left, right, top, bottom)) continue;
        for (let row = r0; row <= r1; row++) {
          for (let col = c0; col <= c1; col++) {
            const cell = row * cols + col;
            if (this.stamp[cell] !== this.frame) {
              this.stamp[cell] = this.frame;
              this.head[cell] = -1;
            }
            this.cellOf[links] = i;
            this.next[links] = this.head[cell]!;
            this.head[cell] = links++;
          }
        }
        shown[i] = 1;
        count++;
      }
    }
    return count;
  }

  private overlaps(
    f: LabelFrame,
    m: LabelMetrics,
    c0: number,
    c1: number,
    r0: number,
    r1: number,
    cols: number,
    left: number,
    right: number,
    top: number,
    bottom: number,
  ): boolean {
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        const cell = row * cols + col;
        if (this.stamp[cell] !== this.frame) continue;
        for (let l = this.head[cell]!; l >= 0; l = this.next[l]!) {
          const j = this.cellOf[l]!;
          const half = f.width[j]! / 2;
          const base = f.sy[j]! - m.lift;
          if (f.sx[j]! - half < right && f.sx[j]! + half > left && base - m.height < bottom && base > top) return true;
        }
      }
    }
    return false;
  }

  private ensure(cells: number, links: number): void {
    if (this.head.length < cells) {
      this.head = new Int32Array(cells);
      this.stamp = new Uint32Array(cells);
    }
    if (this.next.length < links) {
      this.next = new Int32Array(links);
      this.cellOf = new Int32Array(links);
    }
  }
}

/**
 * The robot under the pointer: the one whose shown label contains it, else the nearest anchor within `radius`
 * CSS px; -1 when none.
 */
export function robotAt(f: LabelFrame, shown: Uint8Array, m: LabelMetrics, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < f.n; i++) {
    if (!f.candidate[i]) continue;
    if (shown[i]) {
      const r = labelRect(f, i, m);
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return i;
    }
    const d = (f.sx[i]! - x) ** 2 + (f.sy[i]! - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

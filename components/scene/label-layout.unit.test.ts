import { describe, expect, it } from 'vitest';
import { type LabelFrame, LabelLayout, PRIORITY, robotAt } from './label-layout';

const metrics = { height: 20, lift: 8, margin: 2 };

function frame(points: { x: number; y: number; p?: number; w?: number; off?: boolean }[]): LabelFrame {
  const n = points.length;
  return {
    n,
    sx: Float32Array.from(points.map((q) => q.x)),
    sy: Float32Array.from(points.map((q) => q.y)),
    candidate: Uint8Array.from(points.map((q) => (q.off ? 0 : 1))),
    width: Float32Array.from(points.map((q) => q.w ?? 60)),
    priority: Uint8Array.from(points.map((q) => q.p ?? PRIORITY.none)),
  };
}

function shownOf(f: LabelFrame, width = 800, height = 600): number[] {
  const shown = new Uint8Array(f.n);
  new LabelLayout().place(f, metrics, width, height, shown);
  return [...shown];
}

describe('robot label layout', () => {
  it('shows every label when none overlap', () => {
    expect(
      shownOf(
        frame([
          { x: 100, y: 100 },
          { x: 300, y: 100 },
          { x: 100, y: 300 },
        ]),
      ),
    ).toEqual([1, 1, 1]);
  });

  it('never draws two overlapping labels: the first in list order wins a tie', () => {
    expect(
      shownOf(
        frame([
          { x: 100, y: 100 },
          { x: 110, y: 105 },
        ]),
      ),
    ).toEqual([1, 0]);
  });

  it('gives the place to the hovered robot, then the selected one, then faulted/offline ones', () => {
    const pts = [
      { x: 100, y: 100 },
      { x: 105, y: 100, p: PRIORITY.fault },
      { x: 110, y: 100, p: PRIORITY.selected },
    ];
    expect(shownOf(frame(pts))).toEqual([0, 0, 1]);
    expect(shownOf(frame([...pts, { x: 95, y: 102, p: PRIORITY.hovered }]))).toEqual([0, 0, 0, 1]);
  });

  it('skips robots that are not drawn or whose label is off screen', () => {
    expect(
      shownOf(
        frame([
          { x: 100, y: 100, off: true },
          { x: -200, y: 100 },
          { x: 100, y: 900 },
          { x: 400, y: 300 },
        ]),
      ),
    ).toEqual([0, 0, 0, 1]);
  });

  it('keeps labels apart by the margin', () => {
    // Second label's left edge exactly 1 px right of the first's right edge: closer than the 2 px margin.
    expect(
      shownOf(
        frame([
          { x: 100, y: 100 },
          { x: 161, y: 100 },
        ]),
      ),
    ).toEqual([1, 0]);
    expect(
      shownOf(
        frame([
          { x: 100, y: 100 },
          { x: 163, y: 100 },
        ]),
      ),
    ).toEqual([1, 1]);
  });

  it('lays out 2,000 robots spread over a screen without overlaps', () => {
    const pts = Array.from({ length: 2000 }, (_, i) => ({ x: (i * 37) % 1280, y: ((i * 53) % 700) + 20 }));
    const f = frame(pts);
    const shown = new Uint8Array(f.n);
    const count = new LabelLayout().place(f, metrics, 1280, 720, shown);
    expect(count).toBeGreaterThan(50);
    const rects = pts
      .map((q, i) => ({ ...q, i }))
      .filter((q) => shown[q.i])
      .map((q) => ({ l: q.x - 30, r: q.x + 30, t: q.y - 28, b: q.y - 8 }));
    let overlapping = 0;
    for (let a = 0; a < rects.length; a++)
      for (let b = a + 1; b < rects.length; b++) {
        const p = rects[a]!;
        const q = rects[b]!;
        if (p.l < q.r && p.r > q.l && p.t < q.b && p.b > q.t) overlapping++;
      }
    expect(overlapping).toBe(0);
  });
});

describe('robot under the pointer', () => {
  it('finds the robot whose label is under the pointer, else the nearest within the radius', () => {
    const f = frame([
      { x: 100, y: 100 },
      { x: 300, y: 300 },
    ]);
    const shown = Uint8Array.from([1, 1]);
    expect(robotAt(f, shown, metrics, 100, 82, 10)).toBe(0); // on the first label, 18 px above its robot
    expect(robotAt(f, shown, metrics, 305, 304, 10)).toBe(1);
    expect(robotAt(f, shown, metrics, 200, 200, 10)).toBe(-1);
  });
});

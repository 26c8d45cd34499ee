// Thinning a robot's series to at most maxPoints over its window: the window is cut into equal buckets and each
// bucket keeps its last sample (a value the robot really reported, so a chart never shows an average that never
// happened). Streaming: samples are offered in time order and only the kept ones are held. Pure.
export const SERIES_MAX_POINTS = 2000;

export class BucketThinner<T> {
  private readonly width: number;
  private readonly kept: T[] = [];
  private lastBucket: number | null = null;

  constructor(
    private readonly from: number,
    to: number,
    maxPoints = SERIES_MAX_POINTS,
  ) {
    this.width = Math.max(1, Math.ceil((to - from + 1) / maxPoints));
  }

  /** Offer the next sample (ts non-decreasing). */
  offer(ts: number, value: T): void {
    const bucket = Math.floor((ts - this.from) / this.width);
    if (bucket === this.lastBucket) this.kept[this.kept.length - 1] = value;
    else {
      this.kept.push(value);
      this.lastBucket = bucket;
    }
  }

  result(): T[] {
    return this.kept;
  }
}

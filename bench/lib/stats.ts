// Latency histogram for benchmarks: 0.1 ms buckets up to 60 s, so millions of values cost constant memory
// and percentiles are exact to 0.1 ms.
const RES = 10; // buckets per ms
const MAX_MS = 60_000;

export class Histogram {
  private buckets = new Uint32Array(MAX_MS * RES + 1);
  private n = 0;
  private maxSeen = 0;
  add(ms: number): void {
    const v = Math.max(0, ms);
    this.buckets[Math.min(this.buckets.length - 1, Math.round(v * RES))]!++;
    this.n++;
    if (v > this.maxSeen) this.maxSeen = v;
  }
  merge(o: Histogram): void {
    for (let i = 0; i < o.buckets.length; i++) this.buckets[i]! += o.buckets[i]!;
    this.n += o.n;
    this.maxSeen = Math.max(this.maxSeen, o.maxSeen);
  }
  get count(): number {
    return this.n;
  }
  percentile(p: number): number {
    if (this.n === 0) return 0;
    const target = Math.max(1, Math.ceil((p / 100) * this.n));
    let acc = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      acc += this.buckets[i]!;
      if (acc >= target) return i / RES;
    }
    return this.maxSeen;
  }
  summary(): LatencySummary {
    const r = (x: number) => Math.round(x * 100) / 100;
    return { count: this.n, p50: r(this.percentile(50)), p95: r(this.percentile(95)), p99: r(this.percentile(99)), max: r(this.maxSeen) };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function pct(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

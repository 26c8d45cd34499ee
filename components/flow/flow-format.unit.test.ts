import { describe, expect, it } from 'vitest';
import { edgeBytes } from './flow-format';
import { LABEL_FONT_PX, legibleViewport, NODE_HEIGHT, NODE_WIDTH } from './flow-layout';
import { localDateTime, nodeFacts, relativeTime, spellKey } from './node-facts';

describe('node details', () => {
  const now = Date.UTC(2026, 11, 2, 19, 0, 0);
  const facts = (d: Record<string, unknown>) => Object.fromEntries(nodeFacts(d, now).map((f) => [f.key, f]));

  it('label keys in words and give sizes and rates their units', () => {
    const f = facts({ rows: 1_234_567, sizeBytes: 3 * 1024 * 1024, writeRowsPerSec: 12.5, writeBytesPerSec: 2048, tickMs: 100 });
    expect(f.sizeBytes).toMatchObject({ label: 'size on disk', value: '3.0 MiB', title: '3,145,728 B' });
    expect(f.rows).toMatchObject({ label: 'rows (estimate)', value: '1,234,567' });
    expect(f.writeRowsPerSec!.value).toBe('12.5/s');
    expect(f.writeBytesPerSec!.value).toBe('2.0 KiB/s');
    expect(f.tickMs).toMatchObject({ label: 'frame interval', value: '100 ms' });
  });

  it('show a moment as a date and how long ago, never as an epoch number', () => {
    const f = facts({ statsAt: now - 42_000 }).statsAt!;
    expect(f.label).toBe('size measured');
    expect(f.value).toBe(`${localDateTime(now - 42_000)} (42 s ago)`);
    expect(f.value).not.toMatch(/\d{10,}/);
    expect(f.title).toBe(new Date(now - 42_000).toISOString());
  });

  it('spell unknown keys out and show a missing value as a dash', () => {
    expect(spellKey('slicesWritten')).toBe('slices written');
    expect(spellKey('eventBatchCommitP99Ms')).toBe('event batch commit p99 ms');
    expect(facts({ bufferedSlices: null }).bufferedSlices).toMatchObject({ label: 'buffered slices', value: '—' });
    expect(facts({ sampleRate: 0.01 }).sampleRate!.value).toBe('1 %');
    expect(facts({ registrations: { pending: 2 } }).registrations!.value).toBe('{"pending":2}');
  });

  it('say how long ago in the largest sensible unit', () => {
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now + 4000, now)).toBe('in 4 s');
  });
});

describe('edge bytes', () => {
  it('say "in-process" for objects handed over in the app, not a false 0 B', () => {
    expect(edgeBytes({ transport: 'in-process', bytesPerSec: null }).text).toBe('in-process');
  });
  it('say "—" where bytes are not counted and give counted ones a unit per second', () => {
    expect(edgeBytes({ transport: 'serialised', bytesPerSec: null }).text).toBe('—');
    expect(edgeBytes({ transport: 'serialised', bytesPerSec: 0 }).text).toBe('0 B/s');
    expect(edgeBytes({ transport: 'serialised', bytesPerSec: 5 * 1024 }).text).toBe('5.0 KiB/s');
  });
});

describe('legible viewport', () => {
  const row = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`n${i}`, { x: i * (NODE_WIDTH + 48), y: 0 }]));

  it('fits a small graph whole, centred', () => {
    const v = legibleViewport(row(2), { width: 1200, height: 600 })!;
    const w = 2 * NODE_WIDTH + 48;
    expect(v.zoom).toBeGreaterThanOrEqual(1);
    expect(v.x + (w * v.zoom) / 2).toBeCloseTo(600);
    expect(v.y + (NODE_HEIGHT * v.zoom) / 2).toBeCloseTo(300);
  });

  it('never zooms a large graph out below a readable label; it starts at the left, to be panned', () => {
    const v = legibleViewport(row(9), { width: 600, height: 400 })!;
    expect(LABEL_FONT_PX * v.zoom).toBeGreaterThanOrEqual(12);
    expect(v.x).toBe(24);
  });

  it('keeps the start of the data path in view when the graph is taller than the pane', () => {
    const column = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`n${i}`, { x: 0, y: i * (NODE_HEIGHT + 14) }]));
    const v = legibleViewport(column, { width: 600, height: 400 }, 'n6')!;
    const centre = v.y + (column.n6!.y + NODE_HEIGHT / 2) * v.zoom;
    expect(centre).toBeCloseTo(200);
    // Never past the top: the first node stays at the padding.
    expect(legibleViewport(column, { width: 600, height: 400 }, 'n0')!.y).toBe(24);
  });

  it('has nothing to show without nodes or a pane', () => {
    expect(legibleViewport({}, { width: 600, height: 400 })).toBeNull();
    expect(legibleViewport(row(2), { width: 0, height: 0 })).toBeNull();
  });
});

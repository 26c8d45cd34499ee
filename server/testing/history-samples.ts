// What the history kept of a run, for tests that check every message a robot sent was stored: the raw tier's
// slices read back through the history store and decoded, per robot. Flush the writer first (open slices are
// written when they close).
import { decodeSamples } from '../domain/history/slice-codec';
import type { HistorySample, HistorySource } from '../domain/history/history-sample';
import { SLICE_TIER } from '../domain/history/slice';
import type { HistoryStore } from '../ports/history-store';

/** Every raw sample held, by robot id, in the order stored (slices by start). */
export async function rawSamplesByRobot(store: HistoryStore, robotIds?: readonly number[]): Promise<Map<number, HistorySample[]>> {
  const slices = await store.readSlices({ tier: SLICE_TIER.raw, from: 0, to: Number.MAX_SAFE_INTEGER, robotIds });
  const out = new Map<number, HistorySample[]>();
  for (const s of slices) {
    const list = out.get(s.robotId) ?? [];
    list.push(...decodeSamples(s.data));
    out.set(s.robotId, list);
  }
  return out;
}

/** Raw samples of one source (visualization or state) per robot. */
export async function countRawSamples(
  store: HistoryStore,
  source: HistorySource,
  robotIds?: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const [robotId, samples] of await rawSamplesByRobot(store, robotIds))
    out.set(robotId, samples.filter((s) => s.source === source).length);
  return out;
}

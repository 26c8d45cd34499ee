// Where sampled trace hops are kept (implemented on db/queries by server/adapters/storage/trace-store.ts).
import type { Hop } from '../domain/flow/hop';

export interface TraceStore {
  /** One statement for the whole batch. */
  insertHops(hops: readonly Hop[]): Promise<void>;
  /** Deletes hops older than the cutoff (epoch ms); returns how many went. */
  deleteHopsBefore(cutoffMs: number): Promise<number>;
}

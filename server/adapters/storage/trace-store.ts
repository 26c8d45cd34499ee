// The trace store port on Postgres/PGlite: trace_hops, written in batches, pruned by time (db/queries).
import type { Db } from '../../../db/client';
import { deleteHopsBefore, insertHops } from '../../../db/queries/trace-hops';
import type { TraceStore } from '../../ports/trace-store';

export function createTraceStore(db: Db): TraceStore {
  return {
    insertHops: (hops) => insertHops(db, hops),
    deleteHopsBefore: (cutoffMs) => deleteHopsBefore(db, cutoffMs),
  };
}

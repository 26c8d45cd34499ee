// Random hex ids for trace, span and envelope ids, drawn from a pooled buffer: one randomFillSync per 4 KiB instead
// of a crypto call (or a UUID and its dash removal) for every message on the telemetry hot path.
import { randomFillSync } from 'node:crypto';

const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

/** `bytes` random bytes as 2 × bytes lowercase hex characters. */
export function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

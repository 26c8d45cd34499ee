// The headerId of a message the gateway rejected, when it can still be read: the message arrived, so its id
// advances the robot's sequence and is not counted as a gap (protocol-monitor.ts). Read from the parsed document,
// or from the start of broken JSON (a truncated message usually still holds its header); null when the id is
// missing, of the wrong type, out of the uint32 range, or the very thing the schema refused.

const MAX_HEADER_ID = 2 ** 32 - 1;
/** The header comes first in a VDA 5050 message: only the start of broken JSON is searched. */
const HEAD_CHARS = 256;
/** A complete number (followed by `,` or `}`), so a message cut inside the number is not misread. */
const HEADER_ID_IN_TEXT = /"headerId"\s*:\s*(\d{1,10})\s*[,}]/;

const inRange = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_HEADER_ID;

export function rejectedHeaderId(json: unknown, payload: Buffer, violationPath: string | undefined): number | null {
  if (violationPath === '/headerId') return null;
  if (json !== undefined) {
    const id = typeof json === 'object' && json !== null ? (json as { headerId?: unknown }).headerId : undefined;
    return inRange(id) ? id : null;
  }
  const match = HEADER_ID_IN_TEXT.exec(payload.subarray(0, HEAD_CHARS).toString('utf8'));
  const id = match ? Number(match[1]) : null;
  return inRange(id) ? id : null;
}

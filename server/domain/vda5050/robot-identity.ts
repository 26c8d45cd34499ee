// Bounds of a robot's identity as it appears in VDA 5050 topic levels (<manufacturer>/<serialNumber>). The
// serial number's characters are the ones VDA 5050 allows (A-Z a-z 0-9 _ . : -); a manufacturer name may hold
// letters of any script, digits, spaces and common punctuation. Both are bounded in length: the gateway keys
// per-robot books, logs, traces and the robots table by them, and 30,000-character serial numbers grew memory
// and /api/health by hundreds of megabytes.

export const MAX_SERIAL_NUMBER_CHARS = 128;
export const MAX_MANUFACTURER_CHARS = 64;

const SERIAL = /^[A-Za-z0-9_.:-]+$/;
const MANUFACTURER = /^[\p{L}\p{N} _.:,&'()-]+$/u;

/** Why a robot identity is refused, or null when it is acceptable. */
export function robotIdentityProblem(manufacturer: string, serialNumber: string): string | null {
  if (manufacturer.length === 0 || manufacturer.length > MAX_MANUFACTURER_CHARS)
    return `manufacturer must be 1 to ${MAX_MANUFACTURER_CHARS} characters (got ${manufacturer.length})`;
  if (!MANUFACTURER.test(manufacturer)) return "manufacturer may hold only letters, digits, spaces and _ . : , & ' ( ) -";
  if (serialNumber.length === 0 || serialNumber.length > MAX_SERIAL_NUMBER_CHARS)
    return `serial number must be 1 to ${MAX_SERIAL_NUMBER_CHARS} characters (got ${serialNumber.length})`;
  if (!SERIAL.test(serialNumber)) return 'serial number may hold only A-Z a-z 0-9 _ . : - (VDA 5050)';
  return null;
}

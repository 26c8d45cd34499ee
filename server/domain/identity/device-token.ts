// Known-device tokens of sign-in throttling (services/identity/login-limiter.ts): `<issued, base36>.<nonce>.<mac>`,
// an HMAC-SHA256 over the account, the time of issue and a random nonce. The nonce is the device's counter key.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface DeviceTokens {
  /** A fresh token for this account. */
  issue(email: string): string;
  /** The token's nonce (its counter key) when it is ours, for this account, and not expired; else null. */
  deviceOf(email: string, token: string | null): string | null;
}

export function createDeviceTokens(o: { key: Buffer; now: () => number; maxAgeMs: number }): DeviceTokens {
  const sign = (email: string, issuedAt: string, nonce: string) =>
    createHmac('sha256', o.key).update(`${email}\u0000${issuedAt}\u0000${nonce}`).digest('base64url');
  return {
    issue(email) {
      const issuedAt = o.now().toString(36);
      const nonce = randomBytes(12).toString('base64url');
      return `${issuedAt}.${nonce}.${sign(email, issuedAt, nonce)}`;
    },
    deviceOf(email, token) {
      const [issuedAt, nonce, mac, extra] = token?.split('.') ?? [];
      if (!issuedAt || !nonce || !mac || extra !== undefined || token!.length > 200) return null;
      const given = Buffer.from(mac, 'base64url');
      const expected = Buffer.from(sign(email, issuedAt, nonce), 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const age = o.now() - parseInt(issuedAt, 36);
      return age >= 0 && age < o.maxAgeMs ? nonce : null;
    },
  };
}

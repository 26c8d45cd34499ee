import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './sign';

const secret = 'a-secret-of-32-characters-long!!';
const body = '{"id":"d1","event":"opened"}';
const ts = '1764676800000';
const now = 1764676800000 + 1_000;

describe('signWebhook', () => {
  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<raw body>"', () => {
    const hex = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(signWebhook(secret, ts, body)).toBe(`sha256=${hex}`);
  });

  it('changes with the timestamp, the body and the secret', () => {
    const sig = signWebhook(secret, ts, body);
    expect(signWebhook(secret, '1764676800001', body)).not.toBe(sig);
    expect(signWebhook(secret, ts, `${body} `)).not.toBe(sig);
    expect(signWebhook(`${secret}x`, ts, body)).not.toBe(sig);
  });
});

describe('verifyWebhook', () => {
  const signature = signWebhook(secret, ts, body);

  it('accepts what signWebhook signed', () => {
    expect(verifyWebhook({ secret, rawBody: body, timestamp: ts, signature, now })).toEqual({ ok: true });
  });

  it('refuses a changed body, a changed timestamp or another secret', () => {
    expect(verifyWebhook({ secret, rawBody: body.replace('opened', 'resolved'), timestamp: ts, signature, now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhook({ secret, rawBody: body, timestamp: String(Number(ts) + 1), signature, now }).ok).toBe(false);
    expect(verifyWebhook({ secret: 'another-secret-of-enough-length', rawBody: body, timestamp: ts, signature, now }).ok).toBe(false);
  });

  it('refuses a timestamp older (or newer) than the tolerance: a replayed request', () => {
    expect(verifyWebhook({ secret, rawBody: body, timestamp: ts, signature, now: now + 10 * 60_000 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyWebhook({ secret, rawBody: body, timestamp: ts, signature, now: Number(ts) - 6 * 60_000 }).ok).toBe(false);
    expect(verifyWebhook({ secret, rawBody: body, timestamp: ts, signature, now: now + 10 * 60_000, toleranceMs: 3_600_000 }).ok).toBe(
      true,
    );
  });

  it('refuses missing and malformed headers without throwing', () => {
    expect(verifyWebhook({ secret, rawBody: body, timestamp: undefined, signature, now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyWebhook({ secret, rawBody: body, timestamp: ts, signature: null, now })).toEqual({ ok: false, reason: 'missing' });
    for (const bad of [signature.slice(7), `sha1=${signature.slice(7)}`, `${signature}00`, signature.toUpperCase()]) {
      expect(verifyWebhook({ secret, rawBody: body, timestamp: ts, signature: bad, now })).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(verifyWebhook({ secret, rawBody: body, timestamp: 'yesterday', signature, now })).toEqual({ ok: false, reason: 'malformed' });
  });
});

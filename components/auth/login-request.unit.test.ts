import { describe, expect, it } from 'vitest';
import { formatWait, loginFailure } from './login-request';

describe('loginFailure', () => {
  it('says wrong credentials on 401 without echoing the server', () => {
    expect(loginFailure(401, { error: 'wrong email or password' }, null)).toEqual({
      kind: 'credentials',
      message: 'Wrong email or password.',
    });
  });

  it('reads the wait from Retry-After on 429', () => {
    expect(loginFailure(429, { error: 'too many' }, '125')).toMatchObject({ kind: 'rate-limited', retryAfterS: 125 });
    expect(loginFailure(429, null, null)).toMatchObject({ kind: 'rate-limited', retryAfterS: 60 });
  });

  it('passes bad input messages on', () => {
    expect(loginFailure(400, { error: 'send { "email", "password" } with a valid email address' }, null).message).toMatch(
      /^Send .*address\.$/,
    );
  });

  it('treats 5xx and unexpected answers as the server being unavailable', () => {
    expect(loginFailure(500, { error: 'internal' }, null).kind).toBe('unavailable');
    expect(loginFailure(503, null, null).message).toMatch(/starting up/);
    expect(loginFailure(502, null, null).kind).toBe('unavailable');
  });
});

describe('formatWait', () => {
  it('reads as minutes and seconds', () => {
    expect(formatWait(40)).toBe('40 s');
    expect(formatWait(125)).toBe('2 min 5 s');
    expect(formatWait(900)).toBe('15 min');
    expect(formatWait(0.2)).toBe('1 s');
  });
});

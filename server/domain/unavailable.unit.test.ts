import { describe, expect, it } from 'vitest';
import { isConnectionFailure, UnavailableError, withDeadline } from './unavailable';

const coded = (code: string) => Object.assign(new Error(code), { code });

describe('unavailable', () => {
  it('recognises a refused or broken database connection, also when wrapped (drizzle puts the driver error in cause)', () => {
    expect(isConnectionFailure(coded('ECONNREFUSED'))).toBe(true);
    expect(isConnectionFailure(coded('CONNECTION_CLOSED'))).toBe(true);
    expect(isConnectionFailure(coded('57P01'))).toBe(true); // terminating connection due to administrator command
    expect(isConnectionFailure(coded('08006'))).toBe(true);
    expect(isConnectionFailure(new Error('Failed query: select 1', { cause: coded('ECONNREFUSED') }))).toBe(true);
    expect(isConnectionFailure(coded('23505'))).toBe(false); // unique violation: the database answered
    expect(isConnectionFailure(new Error('boom'))).toBe(false);
    expect(isConnectionFailure(null)).toBe(false);
  });

  it('withDeadline: the result in time; UnavailableError at the deadline; a connection failure becomes UnavailableError', async () => {
    expect(await withDeadline(Promise.resolve(7), 100)).toBe(7);
    const t0 = Date.now();
    const slow = new Promise((r) => setTimeout(r, 5_000));
    await expect(withDeadline(slow, 50)).rejects.toBeInstanceOf(UnavailableError);
    expect(Date.now() - t0).toBeLessThan(1_000);
    await expect(withDeadline(Promise.reject(coded('ECONNREFUSED')), 100)).rejects.toThrow(
      /the database is not answering; try again in 5 s/,
    );
    const other = new Error('not a connection problem');
    await expect(withDeadline(Promise.reject(other), 100)).rejects.toBe(other);
  });

  it('a late rejection after the deadline is consumed, not left unhandled', async () => {
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 30));
    await expect(withDeadline(late, 5)).rejects.toBeInstanceOf(UnavailableError);
    await new Promise((r) => setTimeout(r, 60)); // the setup file fails the test on an unhandled rejection
  });
});

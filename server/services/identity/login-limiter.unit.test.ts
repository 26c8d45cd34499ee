import { describe, expect, it } from 'vitest';
import { createLoginLimiter, createWindowCounter, type AttemptTicket } from './login-limiter';

const limits = { perAccount: 5, perAddress: 30, windowSeconds: 900, perDevice: 10, deviceDays: 30, maxKeys: 1_000 };

function setup(o: Partial<typeof limits> = {}) {
  let t = 1_000_000;
  const limiter = createLoginLimiter({ ...limits, ...o }, { now: () => t });
  return { limiter, advance: (ms: number) => void (t += ms) };
}
const allowed = (a: AttemptTicket): a is Extract<AttemptTicket, { allowed: true }> => a.allowed;
const attempt = (email: string, address = '10.0.0.1', deviceToken: string | null = null) => ({ email, address, deviceToken });

describe('login limiter', () => {
  it('takes the point before the password is checked: 60 attempts at once, only the limit get through', () => {
    const { limiter } = setup();
    // All begun before any is judged, as 60 concurrent requests would be.
    const tickets = Array.from({ length: 60 }, () => limiter.begin(attempt('victim@x.io', '10.6.6.6')));
    expect(tickets.filter((t) => t.allowed)).toHaveLength(5);
    const refused = tickets.filter((t) => !t.allowed) as { retryAfterMs: number }[];
    expect(refused).toHaveLength(55);
    expect(refused.every((r) => r.retryAfterMs > 0 && r.retryAfterMs <= 900_000)).toBe(true);
  });

  it('a right password gives its point back; failures stay counted until the window ends', () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 4; i++) expect(limiter.begin(attempt('u@x.io')).allowed).toBe(true); // 4 failures
    for (let i = 0; i < 10; i++) {
      const t = limiter.begin(attempt('u@x.io'));
      if (!allowed(t)) throw new Error('refused');
      t.succeeded();
    }
    expect(limiter.begin(attempt('u@x.io')).allowed).toBe(true); // the 5th failure
    expect(limiter.begin(attempt('u@x.io')).allowed).toBe(false);
    advance(900_000);
    expect(limiter.begin(attempt('u@x.io')).allowed).toBe(true);
  });

  it('an attempt that could not be judged (outage) is given back', () => {
    const { limiter } = setup({ perAccount: 1 });
    const t = limiter.begin(attempt('u@x.io'));
    if (!allowed(t)) throw new Error('refused');
    t.abandoned();
    t.abandoned(); // once only
    expect(limiter.begin(attempt('u@x.io')).allowed).toBe(true);
    expect(limiter.begin(attempt('u@x.io')).allowed).toBe(false);
  });

  it('a guesser cannot lock out a browser that signed in before: its device token skips the account and address budgets', () => {
    const { limiter } = setup();
    const first = limiter.begin(attempt('admin@x.io', '10.0.0.9'));
    if (!allowed(first)) throw new Error('refused');
    const token = first.succeeded();
    // The guesser uses up the account's budget and the shared address's budget (spraying other accounts).
    for (let i = 0; i < 10; i++) limiter.begin(attempt('admin@x.io', '10.0.0.9'));
    for (let i = 0; i < 40; i++) limiter.begin(attempt(`other${i}@x.io`, '10.0.0.9'));
    expect(limiter.begin(attempt('admin@x.io', '10.0.0.9')).allowed).toBe(false);
    expect(limiter.begin(attempt('fresh@x.io', '10.0.0.9')).allowed).toBe(false); // the address is spent too
    const known = limiter.begin(attempt('admin@x.io', '10.0.0.9', token));
    expect(known).toMatchObject({ allowed: true, knownDevice: true });
  });

  it('a device token has its own budget, and is honoured only for its account, unaltered and unexpired', () => {
    const { limiter, advance } = setup();
    const first = limiter.begin(attempt('a@x.io'));
    if (!allowed(first)) throw new Error('refused');
    const token = first.succeeded();
    expect(limiter.begin(attempt('b@x.io', '10.0.0.1', token))).toMatchObject({ allowed: true, knownDevice: false });
    const [issued, nonce, mac] = token.split('.');
    const forged = `${issued}.${nonce}.${mac!.slice(0, -2)}${mac!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(limiter.begin(attempt('a@x.io', '10.0.0.1', forged))).toMatchObject({ allowed: true, knownDevice: false });
    expect(limiter.begin(attempt('a@x.io', '10.0.0.1', 'garbage'))).toMatchObject({ allowed: true, knownDevice: false });
    // A stolen token buys 10 guesses per window, no more.
    for (let i = 0; i < 10; i++)
      expect(limiter.begin(attempt('a@x.io', `10.1.0.${i}`, token))).toMatchObject({ allowed: true, knownDevice: true });
    expect(limiter.begin(attempt('a@x.io', '10.1.0.99', token)).allowed).toBe(false);
    advance(31 * 86_400_000);
    expect(limiter.begin(attempt('a@x.io', '10.0.0.1', token))).toMatchObject({ knownDevice: false });
  });

  it('keeps a bounded number of windows, however many emails, addresses and tokens it sees', () => {
    const { limiter } = setup({ maxKeys: 1_000 });
    for (let i = 0; i < 50_000; i++)
      limiter.begin(attempt(`made-up-${i}@x.io`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, `abc.${i}.forged`));
    const s = limiter.stats();
    expect(s.accounts).toBeLessThanOrEqual(1_000);
    expect(s.addresses).toBeLessThanOrEqual(1_000);
    expect(s.devices).toBe(0);
  });

  it('window counter: the oldest window is dropped past the cap, expired ones are forgotten', () => {
    let t = 0;
    const c = createWindowCounter({ limit: 1, windowMs: 100, now: () => t, maxKeys: 2 });
    c.take('a');
    t = 10;
    c.take('b');
    c.take('c');
    expect(c.size()).toBe(2);
    expect(c.wait('a')).toBe(0); // dropped
    expect(c.wait('c')).toBe(100);
    t = 200;
    expect(c.wait('c')).toBe(0);
  });
});

// Password hashing (scrypt): a hash verifies its own password and nothing else, every hash is salted, and a stored
// string that is not one of ours is a plain "no" (never an exception that would turn a login into a 500).
import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, generatePassword, hashPassword, verifyPassword } from './passwords';

// A cheap cost for most cases (the format and checks are the same at any cost).
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery staple';

describe('passwords', () => {
  it('verifies the password a hash was made from, at the default cost, in the stored format', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(
      new RegExp(`^scrypt\\$${DEFAULT_COST.N}\\$${DEFAULT_COST.r}\\$${DEFAULT_COST.p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`),
    );
    expect(stored).not.toContain(PASSWORD);
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(true);
  });

  it('refuses a wrong password: another word, a different case, one character more or less, empty', async () => {
    const stored = await hashPassword(PASSWORD, CHEAP);
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(true);
    for (const wrong of [
      'correct horse battery stapler',
      'Correct horse battery staple',
      PASSWORD.slice(0, -1),
      `${PASSWORD} `,
      '',
      'hunter2hunter2',
    ]) {
      await expect(verifyPassword(wrong, stored), wrong).resolves.toBe(false);
    }
  });

  it('salts every hash: two hashes of one password differ, and each verifies', async () => {
    const a = await hashPassword(PASSWORD, CHEAP);
    const b = await hashPassword(PASSWORD, CHEAP);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    await expect(verifyPassword(PASSWORD, a)).resolves.toBe(true);
    await expect(verifyPassword(PASSWORD, b)).resolves.toBe(true);
  });

  it('keeps the cost in the stored string, so a hash made at another cost still verifies', async () => {
    const stored = await hashPassword(PASSWORD, { N: 2 ** 11, r: 4, p: 2 });
    expect(stored.startsWith('scrypt$2048$4$2$')).toBe(true);
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(true);
  });

  it('answers false for a stored string that is not a well-formed hash', async () => {
    const good = await hashPassword(PASSWORD, CHEAP);
    const [, n, r, p, salt, hash] = good.split('$');
    const malformed = [
      '',
      'garbage',
      'scrypt',
      'scrypt$',
      'scrypt$$$$$',
      [n, r, p, salt, hash].join('$'), // no scheme
      ['bcrypt', n, r, p, salt, hash].join('$'), // another scheme
      ['scrypt', n, r, p, salt].join('$'), // no hash
      ['scrypt', n, r, p, '', hash].join('$'), // no salt
      ['scrypt', n, r, p, salt, hash!.slice(0, 20)].join('$'), // truncated hash
      ['scrypt', n, r, p, salt, `${hash}AAAA`].join('$'), // hash too long
      ['scrypt', n, r, p, '!!!', '###'].join('$'), // not base64url
    ];
    for (const stored of malformed) await expect(verifyPassword(PASSWORD, stored), JSON.stringify(stored)).resolves.toBe(false);
  });

  it('answers false (does not throw) for a stored string with impossible cost parameters', async () => {
    const good = await hashPassword(PASSWORD, CHEAP);
    const [, , , , salt, hash] = good.split('$');
    const badCosts = [
      ['abc', '8', '1'], // N not a number
      ['1000', '8', '1'], // N not a power of two
      ['0', '8', '1'],
      ['1024', '0', '1'], // r = 0
      ['1024', '8', '-1'], // negative p
      [String(2 ** 30), '8', '1'], // would ask for 256 GiB
    ];
    for (const [n, r, p] of badCosts) {
      const stored = ['scrypt', n, r, p, salt, hash].join('$');
      await expect(verifyPassword(PASSWORD, stored), stored).resolves.toBe(false);
    }
  });

  it('generates typeable random passwords of 20 characters, long enough for the password rules', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(generatePassword()).not.toBe(a);
  });
});

// Sign-in, sessions, users and the audit trail on a real database (PGlite, or Postgres when DATABASE_URL is set),
// with a controlled clock for the expiry rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../db/client';
import { InvalidCredentialsError, LastAdminError, TooManyAttemptsError, UserExistsError } from '../../domain/identity/identity-errors';
import { createTestDatabase, tempDir, testLogger } from '../../testing/test-env';
import { createAuditTrail, type AuditTrail } from './audit-trail';
import { createIdentity, type Identity } from './identity';
import { createLoginLimiter } from './login-limiter';
import { createSessionStore } from './sessions';

const clock = {
  t: Date.parse('2026-11-28T08:00:00Z'),
  now() {
    return this.t;
  },
};
const meta = { address: '10.0.0.7', userAgent: 'test' };
let db: Db;
let audit: AuditTrail;
let identity: Identity;
let drop: () => Promise<void>;
let adminPassword: string;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('identity'), migrate: true });
  audit = createAuditTrail({ db, clock, logger: testLogger });
  const sessions = createSessionStore({ db, clock, policy: { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000, cacheMs: 0 } });
  identity = createIdentity({
    db,
    sessions,
    audit,
    limiter: createLoginLimiter({ perAccount: 3, perAddress: 100, windowSeconds: 60 }),
    logger: testLogger,
  });
}, 60_000);

afterAll(async () => {
  await audit?.stop();
  await db?.close();
  await drop?.();
});

const admin = async () => {
  const s = await identity.login('admin@fleetscope.local', adminPassword, meta);
  return { principal: s.principal, address: meta.address };
};

describe('identity', () => {
  it('creates the first administrator once, with a generated password when none is configured', async () => {
    const first = await identity.bootstrapAdmin({});
    expect(first).toMatchObject({ created: true, email: 'admin@fleetscope.local' });
    adminPassword = (first as { generatedPassword: string }).generatedPassword;
    expect(adminPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await identity.bootstrapAdmin({ email: 'other@x.io', password: 'another-password' })).toEqual({ created: false });
  });

  it('signs in with the right password only, with one message for a wrong password and an unknown email', async () => {
    const s = await identity.login('admin@fleetscope.local', adminPassword, meta);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await identity.sessions.resolve(s.token)).toMatchObject({ email: 'admin@fleetscope.local', role: 'admin' });
    await expect(identity.login('admin@fleetscope.local', 'not-the-password', meta)).rejects.toThrow(InvalidCredentialsError);
    await expect(identity.login('nobody@fleetscope.local', 'whatever-password', meta)).rejects.toThrow('wrong email or password');
  });

  it('throttles an account after repeated failures, refusing even the right password with the time to wait', async () => {
    const a = await admin();
    await identity.createUser({ email: 'op@x.io', password: 'operator-password', role: 'operator' }, a);
    for (let i = 0; i < 3; i++) await expect(identity.login('op@x.io', 'wrong-password!', meta)).rejects.toThrow(InvalidCredentialsError);
    const refused = await identity.login('op@x.io', 'operator-password', meta).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).retryAfterMs).toBeGreaterThan(0);
  });

  it("60 wrong passwords at once: at most the limit are checked (401), the rest 429; the owner's browser still gets in", async () => {
    const a = await admin();
    await identity.createUser({ email: 'target@x.io', password: 'target-password', role: 'viewer' }, a);
    const { deviceToken } = await identity.login('target@x.io', 'target-password', meta);
    const guesses = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => identity.login('target@x.io', `guess ${i}`, meta)));
    const reasons = guesses.map((g) => (g.status === 'rejected' ? (g.reason as Error).constructor.name : 'signed in'));
    expect(reasons.filter((r) => r === 'InvalidCredentialsError').length).toBeLessThanOrEqual(3);
    expect(reasons.filter((r) => r === 'TooManyAttemptsError').length).toBeGreaterThanOrEqual(57);
    // The refusals are one audit row (with a count once the window closes), not one row each.
    await audit.flush();
    expect((await audit.list({ action: 'login', outcome: 'denied', actor: 'target@x.io' })).items).toHaveLength(1);
    // The right password from a browser that never signed in is refused for now; from the owner's browser it is not.
    await expect(identity.login('target@x.io', 'target-password', meta)).rejects.toThrow(TooManyAttemptsError);
    const s = await identity.login('target@x.io', 'target-password', { ...meta, deviceToken });
    expect(await identity.sessions.resolve(s.token)).toMatchObject({ email: 'target@x.io' });
  });

  it('ends a session after the idle time and after the absolute lifetime', async () => {
    const a = await admin();
    await identity.createUser({ email: 'viewer@x.io', password: 'viewer-password', role: 'viewer' }, a);
    const s = await identity.login('viewer@x.io', 'viewer-password', meta);
    clock.t += 29 * 60_000;
    expect(await identity.sessions.resolve(s.token)).not.toBeNull(); // used: idle timer restarts
    clock.t += 29 * 60_000;
    expect(await identity.sessions.resolve(s.token)).not.toBeNull();
    clock.t += 31 * 60_000;
    expect(await identity.sessions.resolve(s.token)).toBeNull(); // idle too long

    const s2 = await identity.login('viewer@x.io', 'viewer-password', meta);
    for (let i = 0; i < 15; i++) {
      clock.t += 25 * 60_000;
      await identity.sessions.resolve(s2.token);
      clock.t += 25 * 60_000;
      await identity.sessions.resolve(s2.token);
    }
    expect(await identity.sessions.resolve(s2.token)).toBeNull(); // past 12 h, however busy
  });

  it('revokes sessions on logout, on disable and on password reset; a role change applies to open sessions', async () => {
    const a = await admin();
    const u = await identity.createUser({ email: 'arch@x.io', password: 'architect-password', role: 'architect' }, a);
    const changes: string[] = [];
    const off = identity.sessions.onChange((c) => changes.push(c.kind));
    const s1 = await identity.login('arch@x.io', 'architect-password', meta);
    await identity.logout(s1.principal, meta.address);
    expect(await identity.sessions.resolve(s1.token)).toBeNull();

    const s2 = await identity.login('arch@x.io', 'architect-password', meta);
    await identity.updateUser({ id: u.id, role: 'operator' }, a);
    expect(await identity.sessions.resolve(s2.token)).toMatchObject({ role: 'operator' });
    await identity.updateUser({ id: u.id, password: 'a-new-password-1' }, a);
    expect(await identity.sessions.resolve(s2.token)).toBeNull();

    const s3 = await identity.login('arch@x.io', 'a-new-password-1', meta);
    await identity.updateUser({ id: u.id, disabled: true }, a);
    expect(await identity.sessions.resolve(s3.token)).toBeNull();
    await expect(identity.login('arch@x.io', 'a-new-password-1', meta)).rejects.toThrow(InvalidCredentialsError);
    off();
    expect(changes).toEqual(['revoked', 'userChanged', 'revoked', 'revoked']);
  });

  it('refuses a duplicate email and never leaves the app without an enabled administrator', async () => {
    const a = await admin();
    await expect(identity.createUser({ email: 'VIEWER@x.io', password: 'viewer-password', role: 'viewer' }, a)).rejects.toThrow(
      UserExistsError,
    );
    await expect(identity.updateUser({ id: a.principal.userId, role: 'viewer' }, a)).rejects.toThrow(LastAdminError);
    await expect(identity.updateUser({ id: a.principal.userId, disabled: true }, a)).rejects.toThrow(LastAdminError);
    const second = await identity.createUser({ email: 'admin2@x.io', password: 'admin2-password', role: 'admin' }, a);
    await identity.updateUser({ id: a.principal.userId, role: 'operator' }, { principal: { ...a.principal }, address: null });
    expect((await identity.listUsers()).find((u) => u.id === a.principal.userId)?.role).toBe('operator');
    expect(second.role).toBe('admin');
  });

  it('audits sign-ins, failures with their reason, and user changes, newest first; the log refuses edits', async () => {
    identity.stop(); // writes the pending counts of coalesced refusals
    await audit.flush();
    const throttled = await audit.list({ action: 'login', outcome: 'denied', actor: 'target@x.io' });
    expect(throttled.items.reduce((n, e) => n + Number((e.detail as { count: number }).count), 0)).toBe(58); // 57 guesses, 1 right password
    const page = await audit.list({ action: 'login', limit: 500 });
    const outcomes = page.items.map((e) => `${e.actor} ${e.outcome} ${(e.detail as { reason?: string } | null)?.reason ?? ''}`.trim());
    expect(outcomes).toContain('nobody@fleetscope.local failed unknown email');
    expect(outcomes).toContain('admin@fleetscope.local failed wrong password');
    expect(outcomes).toContain('op@x.io denied rate limited');
    expect(outcomes).toContain('viewer@x.io ok');
    expect(page.items.every((e) => e.address === meta.address)).toBe(true);
    const seqs = page.items.map((e) => e.seq);
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs);
    const updates = await audit.list({ action: 'user.update', outcome: 'failed' });
    expect(updates.items.map((e) => (e.detail as { reason: string }).reason)).toContain('last_admin');
    const { sql } = await import('drizzle-orm');
    const why = (e: unknown) => {
      const err = e as Error & { cause?: Error };
      return `${err.message} ${err.cause?.message ?? ''}`;
    };
    expect(why(await db.rows(sql`update audit_log set outcome = 'ok'`).catch((e: unknown) => e))).toMatch(/append-only/);
    expect(why(await db.rows(sql`delete from audit_log`).catch((e: unknown) => e))).toMatch(/append-only/);
  });
});

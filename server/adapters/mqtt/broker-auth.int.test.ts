// Acceptance of "Robot credentials": on the app's embedded broker a client with wrong credentials, or publishing on
// another robot's topic, is refused, and the attempt is counted (health) and audited. Runs on the embedded broker
// only: with MQTT_URL set the app uses an external broker whose own password and ACL files decide (README,
// "Robot credentials and MQTT access"), so the whole file is skipped.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../api/root';
import { createApp, type App } from '../../app';
import type { AuditAction, AuditView } from '../../domain/identity/audit';
import { contextAs } from '../../testing/sign-in';
import { testConfig, testLogger, waitFor } from '../../testing/test-env';
import type { BrokerAuthStats } from './broker-auth';

const admin = { actorId: null, actor: 'admin@test', address: null };
let app: App;
let cleanup: () => Promise<void>;
let iface: string;
const clients: MqttClient[] = [];

const topic = (m: string, s: string, t: string) => `${iface}/v2/${m}/${s}/${t}`;
const header = (m: string, s: string, headerId = 1) => ({
  headerId,
  timestamp: new Date().toISOString(),
  version: '2.0.0',
  manufacturer: m,
  serialNumber: s,
});
const visualization = (m: string, s: string) =>
  JSON.stringify({ ...header(m, s), agvPosition: { x: 1, y: 2, theta: 0, mapId: 'warehouse-1', positionInitialized: true } });
const seen = (serial: string) => app.runtime.fleet.list().some((r) => r.serialNumber === serial);

async function connect(opts: IClientOptions): Promise<MqttClient> {
  const c = await mqtt.connectAsync(app.brokerUrl, {
    clientId: `auth-${clients.length}-${Date.now().toString(36)}`,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...opts,
  });
  clients.push(c);
  return c;
}
async function refusal(opts: IClientOptions): Promise<{ code?: number; message: string }> {
  try {
    await connect(opts);
  } catch (err) {
    return { code: (err as { code?: number }).code, message: (err as Error).message };
  }
  throw new Error('connected, but should have been refused');
}
async function authStats(): Promise<BrokerAuthStats> {
  const h = await app.runtime.health();
  return (h.components.mqtt as unknown as { auth: BrokerAuthStats }).auth;
}
/** SUBACK return codes (mqtt.js rejects a SUBSCRIBE that has a refused filter, with the SUBACK packet). */
async function suback(c: MqttClient, filters: string[]): Promise<number[]> {
  const r = await c.subscribeAsync(filters, { qos: 0 }).then(
    (granted) => ({ packet: { granted: granted.map((g) => g.qos) } }),
    (err: Error & { packet?: { granted: number[] } }) => err,
  );
  if (!('packet' in r) || !r.packet) throw r;
  return r.packet.granted;
}
async function audited(action: AuditAction): Promise<AuditView[]> {
  await app.audit.flush();
  return (await app.audit.list({ action, limit: 500 })).items;
}

describe.skipIf(Boolean(process.env.MQTT_URL))('embedded broker: sign-in and topic ACLs', () => {
  beforeAll(async () => {
    const t = await testConfig();
    cleanup = t.cleanup;
    iface = t.config.VDA_INTERFACE;
    app = await createApp(t.config, { logger: testLogger });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
    await app?.stop();
    await cleanup?.();
  });

  it('refuses wrong passwords, unknown users, anonymous clients and disabled credentials; counts and audits each', async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Acme', serialNumber: 'A-1' }, admin);
    const ok = await connect({ username: credential.username, password });
    expect(ok.connected).toBe(true);

    const before = (await authStats()).denied.connect;
    for (const opts of [
      { username: credential.username, password: 'wrong-password' },
      { username: 'nobody-here', password: 'whatever-it-is' },
      {},
    ]) {
      const r = await refusal(opts);
      expect(r.code, r.message).toBe(5); // CONNACK 5: not authorized
    }
    await app.credentials.update({ id: credential.id, disabled: true }, admin);
    await waitFor('the connected client of a disabled credential is disconnected', () => !ok.connected, 5000);
    expect((await refusal({ username: credential.username, password })).code).toBe(5);

    await waitFor('4 refused connects counted', async () => (await authStats()).denied.connect - before === 4, 5000);
    const entries = await audited('mqtt.connect');
    const reasonOf = (actor: string) => entries.filter((e) => e.actor === actor).map((e) => e.detail?.reason);
    expect(reasonOf(`mqtt:${credential.username}`)).toEqual(expect.arrayContaining(['wrong password', 'credential disabled']));
    expect(reasonOf('mqtt:nobody-here')).toEqual(['unknown user']);
    expect(reasonOf('mqtt:anonymous')).toEqual(['no credentials']);
    expect(entries.every((e) => e.outcome === 'denied' && e.address?.includes('127.0.0.1') && typeof e.detail?.clientId === 'string')).toBe(
      true,
    );
  });

  it("drops a publish on another robot's topic: the app never sees it", async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Acme', serialNumber: 'A-2' }, admin);
    const robot = await connect({ username: credential.username, password });
    const before = (await authStats()).denied.publish;
    const stolen = topic('Acme', 'A-3', 'visualization');
    await robot.publishAsync(stolen, visualization('Acme', 'A-3'), { qos: 1 }); // acknowledged, then dropped
    await robot.publishAsync(topic('Acme', 'A-2', 'visualization'), visualization('Acme', 'A-2'), { qos: 1 });
    await waitFor('its own robot seen', () => seen('A-2'));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen('A-3')).toBe(false);
    expect(robot.connected).toBe(true); // dropped, not disconnected

    await waitFor('the refused publish counted', async () => (await authStats()).denied.publish - before === 1, 5000);
    const entry = (await audited('mqtt.publish')).find((e) => e.target === stolen);
    expect(entry).toMatchObject({
      actor: `mqtt:${credential.username}`,
      outcome: 'denied',
      detail: { topic: stolen, reason: 'another robot', count: 1 },
    });
  });

  it("refuses a subscription to another robot's order (SUBACK 0x80) and delivers only its own", async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Acme', serialNumber: 'A-4' }, admin);
    const robot = await connect({ username: credential.username, password });
    const got: string[] = [];
    robot.on('message', (t) => got.push(t));
    const own = topic('Acme', 'A-4', 'order');
    const other = topic('Acme', 'A-5', 'order');
    expect(await suback(robot, [own, other, `${iface}/v2/Acme/+/instantActions`])).toEqual([0, 128, 128]);
    // The app publishes as its master login, through the gateway's port (robot ids only name the robot in errors).
    app.gateway.publish(5, other, '{}');
    app.gateway.publish(4, own, '{}');
    await waitFor('its own order delivered', () => got.includes(own));
    expect(got).not.toContain(other);
    const entry = (await audited('mqtt.subscribe')).find((e) => e.target === other);
    expect(entry).toMatchObject({ actor: `mqtt:${credential.username}`, outcome: 'denied', detail: { reason: 'another robot' } });
  });

  it('a manufacturer-wide credential works for every robot of its manufacturer and no other', async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Globex', note: 'whole fleet' }, admin);
    const c = await connect({ username: credential.username, password });
    for (const s of ['G-7', 'G-8']) await c.publishAsync(topic('Globex', s, 'visualization'), visualization('Globex', s), { qos: 1 });
    await c.publishAsync(topic('Initech', 'I-1', 'visualization'), visualization('Initech', 'I-1'), { qos: 1 });
    await waitFor('both Globex robots seen', () => seen('G-7') && seen('G-8'));
    expect(await suback(c, [topic('Globex', 'G-7', 'instantActions'), topic('Initech', 'I-1', 'instantActions')])).toEqual([0, 128]);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen('I-1')).toBe(false);
  });

  it('coalesces a flood of identical refusals: every one counted, one audit entry per 10 s', async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Acme', serialNumber: 'A-6' }, admin);
    const robot = await connect({ username: credential.username, password });
    const before = (await authStats()).denied.publish;
    const flood = topic('Acme', 'A-9', 'state');
    for (let i = 0; i < 50; i++) await robot.publishAsync(flood, '{}', { qos: 1 });
    await waitFor('50 refusals counted', async () => (await authStats()).denied.publish - before === 50, 5000);
    const entries = (await audited('mqtt.publish')).filter((e) => e.target === flood);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).toMatchObject({ count: 1, reason: 'another robot' });
  });

  it('500 clients signing in with one credential cost one password check (cached)', async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Swarm' }, admin);
    const before = await authStats();
    const many = await Promise.all(
      Array.from({ length: 500 }, (_, i) => connect({ username: credential.username, password, clientId: `swarm-${i}` })),
    );
    expect(many.every((c) => c.connected)).toBe(true);
    const after = await waitFor('stats', async () => {
      const s = await authStats();
      return s.accepted - before.accepted >= 500 ? s : null;
    });
    expect(after.verifications - before.verifications).toBe(1);
    expect(after.cacheHits - before.cacheHits).toBeGreaterThanOrEqual(499);
    await Promise.all(many.map((c) => c.endAsync(true)));
  });

  it('lists credentials without hashes; a deleted credential signs in no more', async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Acme', serialNumber: 'A-10' }, admin);
    const list = await app.credentials.list();
    const row = list.find((c) => c.id === credential.id)!;
    expect(Object.keys(row).sort()).toEqual([
      'createdAt',
      'createdBy',
      'disabled',
      'id',
      'manufacturer',
      'note',
      'serialNumber',
      'username',
    ]);
    expect(JSON.stringify(list)).not.toContain('scrypt$');
    await app.credentials.remove(credential.id, admin);
    expect((await refusal({ username: credential.username, password })).code).toBe(5);
    const reset = await app.credentials.create({ manufacturer: 'Acme', serialNumber: 'A-11' }, admin);
    const fresh = await app.credentials.update({ id: reset.credential.id, resetPassword: true }, admin);
    expect(fresh.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await refusal({ username: reset.credential.username, password: reset.password })).code).toBe(5);
    expect((await connect({ username: reset.credential.username, password: fresh.password! })).connected).toBe(true);
  });

  it('credentials.* over tRPC: admins only, a password once, refusals mapped, every change audited', async () => {
    const admin = createCaller(await contextAs(app, 'admin'));
    const operator = createCaller(await contextAs(app, 'operator'));
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
      );
    expect(await code(operator.credentials.list())).toBe('FORBIDDEN');
    expect(await code(operator.credentials.create({ manufacturer: 'Acme' }))).toBe('FORBIDDEN');

    const made = await admin.credentials.create({ username: 'acme.amr-20', manufacturer: 'Acme', serialNumber: 'AMR-20', note: 'dock 4' });
    expect(made.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(made.credential).toMatchObject({
      username: 'acme.amr-20',
      manufacturer: 'Acme',
      serialNumber: 'AMR-20',
      note: 'dock 4',
      disabled: false,
      createdBy: 'admin@test.local',
    });
    const robot = await connect({ username: 'acme.amr-20', password: made.password });
    expect(robot.connected).toBe(true);
    expect(await code(admin.credentials.create({ username: 'acme.amr-20', manufacturer: 'Acme' }))).toBe('CONFLICT');
    expect(await code(admin.credentials.create({ manufacturer: 'Acme/Evil' }))).toBe('BAD_REQUEST');
    expect(await code(admin.credentials.create({ manufacturer: 'Acme', username: 'no spaces please' }))).toBe('BAD_REQUEST');
    expect(await code(admin.credentials.update({ id: '00000000-0000-4000-8000-000000000000', disabled: true }))).toBe('NOT_FOUND');

    const listed = (await admin.credentials.list()).find((c) => c.id === made.credential.id);
    expect(listed).toEqual(made.credential);
    const reset = await admin.credentials.update({ id: made.credential.id, resetPassword: true });
    expect(reset.password).not.toBe(made.password);
    await waitFor('the old login is cut off', () => !robot.connected, 5000);
    expect((await admin.credentials.update({ id: made.credential.id, disabled: true })).password).toBeNull();
    expect(await admin.credentials.delete({ id: made.credential.id })).toEqual({ id: made.credential.id });
    expect(await code(admin.credentials.delete({ id: made.credential.id }))).toBe('NOT_FOUND');

    await app.audit.flush();
    const trail = (await app.audit.list({ actor: 'admin@test.local', limit: 50 })).items.filter(
      (e) => e.target === 'acme.amr-20' || e.target === made.credential.id,
    );
    expect(trail.map((e) => `${e.action}:${e.outcome}`).reverse()).toEqual([
      'credential.create:ok',
      'credential.create:failed',
      'credential.update:ok',
      'credential.update:ok',
      'credential.delete:ok',
      'credential.delete:failed',
    ]);
    expect(JSON.stringify(trail)).not.toContain(made.password);
  });

  it('stops running scrypt for a guessed username after 10 wrong passwords, but lets an already verified login in', async () => {
    const { credential, password } = await app.credentials.create({ manufacturer: 'Acme', serialNumber: 'GUESSED' }, admin);
    const known = await connect({ username: credential.username, password });
    await known.endAsync();
    // The broker thread reports its counters about once a second: read them once they have settled.
    const settled = async () => {
      await new Promise((r) => setTimeout(r, 1500));
      return authStats();
    };
    for (let i = 0; i < 10; i++) expect((await refusal({ username: credential.username, password: `guess-${i}-password` })).code).toBe(5);
    const after10 = await settled();
    expect((await refusal({ username: credential.username, password: 'guess-11-password' })).code).toBe(5);
    const after11 = await settled();
    expect(after11.verifications).toBe(after10.verifications); // refused without a scrypt run
    expect(after11.byReason['too many failed logins']).toBe(1);
    expect((await connect({ username: credential.username, password })).connected).toBe(true);
  });
});

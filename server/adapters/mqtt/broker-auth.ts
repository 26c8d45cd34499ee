// Authentication and topic ACLs for the aedes broker (runs in the broker thread). Every client must CONNECT with a
// username and password: the app's master user (generated per start, full rights) or a robot credential (scrypt
// hash from the database; rights from domain/identity/mqtt-acl.ts). Verified passwords are cached by username and
// HMAC of the password against the hash they were checked with, and concurrent checks of the same pair share one
// scrypt run, so 2,000 simulated robots reconnecting with one credential cost one scrypt, not 2,000. The result of
// scrypt depends only on (password, hash), so a changed hash invalidates its cache entry by itself.
//
// A refused publish is dropped (MQTT 3.1.1 has no negative acknowledgement: QoS 1/2 are acknowledged as usual, as
// Mosquitto does), a refused subscription gets return code 0x80; both, and refused connects, are reported.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Aedes, AuthenticateError, Client, PublishPacket, Subscription } from 'aedes';
import { grantOf, publishRefusal, subscribeRefusal, type MqttAccount, type MqttGrant } from '../../domain/identity/mqtt-acl';
import { verifyPassword } from '../../domain/identity/passwords';
import { createLoginThrottle, type ThrottleLimits } from './login-throttle';
import type { MqttDenial } from './denial-window';

export interface BrokerAuthConfig {
  iface: string;
  /** The app's own client: all rights. Generated per start, never stored. */
  master: { username: string; password: string };
  accounts: MqttAccount[];
  /** Wrong-password throttling (login-throttle.ts); defaults when absent. */
  throttle?: ThrottleLimits;
}

export interface BrokerAuthStats {
  accounts: number;
  accepted: number;
  denied: { connect: number; publish: number; subscribe: number };
  byReason: Record<string, number>;
  /** scrypt runs, and connects answered from the cache instead. */
  verifications: number;
  cacheHits: number;
  /** Clients disconnected because their credential was disabled, deleted or given a new password. */
  revoked: number;
}

interface Session {
  username: string;
  grant: MqttGrant;
  /** The hash the password was checked against (null for the master user). */
  hash: string | null;
}

/** At most this many distinct passwords remembered per username (a guessing client cannot grow the cache). */
const MAX_CACHED_PER_USER = 32;

export function createBrokerAuth(
  config: BrokerAuthConfig,
  onDenied: (d: MqttDenial) => void,
  verify: (password: string, hash: string) => Promise<boolean> = verifyPassword,
) {
  let accounts = new Map(config.accounts.map((a) => [a.username, a]));
  const sessions = new WeakMap<Client, Session>();
  const cacheKey = randomBytes(32);
  const cache = new Map<string, { hash: string; results: Map<string, boolean> }>();
  const inflight = new Map<string, Promise<boolean>>();
  const throttle = createLoginThrottle(config.throttle);
  const dropped = new WeakSet<object>();
  const masterDigest = createHash('sha256').update(config.master.password).digest();
  const stats: BrokerAuthStats = {
    accounts: accounts.size,
    accepted: 0,
    denied: { connect: 0, publish: 0, subscribe: 0 },
    byReason: {},
    verifications: 0,
    cacheHits: 0,
    revoked: 0,
  };
  let broker: Aedes | null = null;

  const addressOf = (client: Client) => (client.conn as Partial<Socket>).remoteAddress ?? null;
  const deny = (client: Client, action: MqttDenial['action'], username: string | null, topic: string | null, reason: string) => {
    stats.denied[action === 'mqtt.connect' ? 'connect' : action === 'mqtt.publish' ? 'publish' : 'subscribe']++;
    stats.byReason[reason] = (stats.byReason[reason] ?? 0) + 1;
    onDenied({ action, username, clientId: client.id ?? '', address: addressOf(client), topic, reason });
  };

  const isCached = (username: string, password: Buffer, hash: string) => {
    const entry = cache.get(username);
    return (
      entry !== undefined && entry.hash === hash && entry.results.has(createHmac('sha256', cacheKey).update(password).digest('base64'))
    );
  };

  /** Checks a password against an account's hash, from the cache when this pair was checked before. */
  const check = (username: string, password: Buffer, hash: string): Promise<boolean> => {
    const digest = createHmac('sha256', cacheKey).update(password).digest('base64');
    let entry = cache.get(username);
    if (!entry || entry.hash !== hash) cache.set(username, (entry = { hash, results: new Map() }));
    const known = entry.results.get(digest);
    if (known !== undefined) {
      stats.cacheHits++;
      return Promise.resolve(known);
    }
    const key = `${username}\u0000${digest}\u0000${hash}`;
    let running = inflight.get(key);
    if (running) {
      stats.cacheHits++;
      return running;
    }
    stats.verifications++;
    const results = entry.results;
    running = verify(password.toString('utf8'), hash)
      .catch(() => false)
      .then((ok) => {
        if (results.size >= MAX_CACHED_PER_USER) results.clear();
        results.set(digest, ok);
        inflight.delete(key);
        return ok;
      });
    inflight.set(key, running);
    return running;
  };

  const refuse = (): AuthenticateError => Object.assign(new Error('not authorized'), { returnCode: 5 as AuthenticateError['returnCode'] });

  const authenticate = (
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (e: AuthenticateError | null, ok: boolean | null) => void,
  ) => {
    const fail = (reason: string) => {
      deny(client, 'mqtt.connect', username ?? null, null, reason);
      done(refuse(), null);
    };
    const succeed = (s: Session) => {
      // A client id held by another user's connection may not be taken over (that would disconnect it).
      const holder = (broker as unknown as { clients?: Record<string, Client> } | null)?.clients?.[client.id];
      if (holder && holder !== client && sessions.get(holder)?.username !== s.username) return fail('client id in use by another user');
      sessions.set(client, s);
      stats.accepted++;
      done(null, true);
    };
    if (!username) return fail(password ? 'password without username' : 'no credentials');
    const pw = password ?? Buffer.alloc(0);
    if (username === config.master.username) {
      const ok = timingSafeEqual(createHash('sha256').update(pw).digest(), masterDigest);
      return ok ? succeed({ username, grant: { kind: 'master' }, hash: null }) : fail('wrong password');
    }
    const account = accounts.get(username);
    if (!account) return fail('unknown user');
    if (account.disabled) return fail('credential disabled');
    const address = addressOf(client);
    if (!isCached(username, pw, account.passwordHash) && throttle.blocked(username, address)) return fail('too many failed logins');
    check(username, pw, account.passwordHash).then(
      (ok) => {
        if (!ok) {
          throttle.failed(username, address);
          return fail('wrong password');
        }
        // The table may have changed while scrypt ran.
        const now = accounts.get(username);
        if (!now || now.disabled || now.passwordHash !== account.passwordHash) return fail('credential changed');
        succeed({ username, grant: grantOf(now, config.iface), hash: now.passwordHash });
      },
      () => fail('verification failed'),
    );
  };

  const authorizePublish = (client: Client | null, packet: PublishPacket, done: (e?: Error | null) => void) => {
    if (!client) return done(null); // a stored will published by the broker itself
    const s = sessions.get(client);
    const reason = packet.topic.startsWith('$SYS/')
      ? '$SYS topics are reserved to the broker'
      : s
        ? publishRefusal(s.grant, packet.topic)
        : 'not authenticated';
    if (reason === null) return done(null);
    deny(client, 'mqtt.publish', s?.username ?? null, packet.topic, reason);
    dropped.add(packet);
    done(null);
  };

  const authorizeSubscribe = (client: Client, sub: Subscription, done: (e: Error | null, s?: Subscription | null) => void) => {
    const s = sessions.get(client);
    const reason = s ? subscribeRefusal(s.grant, sub.topic) : 'not authenticated';
    if (reason === null) return done(null, sub);
    deny(client, 'mqtt.subscribe', s?.username ?? null, sub.topic, reason);
    done(null, null); // SUBACK return code 0x80 for this filter; the others of the packet are unaffected
  };

  return {
    /** Installs the hooks on a broker; refused publishes are dropped before they reach any subscriber. */
    attach(b: Aedes): void {
      broker = b;
      b.authenticate = authenticate;
      b.authorizePublish = authorizePublish;
      b.authorizeSubscribe = authorizeSubscribe;
      const publish = b.publish.bind(b) as (packet: PublishPacket, client: unknown, done?: (e?: Error) => void) => void;
      (b as unknown as { publish: typeof publish }).publish = (packet, client, done) => {
        if (!dropped.has(packet)) return publish(packet, client, done);
        dropped.delete(packet);
        (typeof client === 'function' ? (client as () => void) : done)?.();
      };
    },
    /** Replaces the credential table; disconnects clients whose credential is gone, disabled or re-keyed. */
    setAccounts(list: MqttAccount[]): void {
      accounts = new Map(list.map((a) => [a.username, a]));
      stats.accounts = accounts.size;
      for (const name of cache.keys()) if (!accounts.has(name)) cache.delete(name);
      const clients = (broker as unknown as { clients?: Record<string, Client> } | null)?.clients ?? {};
      for (const client of Object.values(clients)) {
        const s = sessions.get(client);
        if (!s || s.hash === null) continue;
        const a = accounts.get(s.username);
        if (a && !a.disabled && a.passwordHash === s.hash) continue;
        // Its last will (own connection topic, CONNECTIONBROKEN) still goes out: the app sees the robot leave.
        stats.revoked++;
        client.close();
      }
    },
    stats: (): BrokerAuthStats => ({ ...stats, denied: { ...stats.denied }, byReason: { ...stats.byReason } }),
  };
}
export type BrokerAuth = ReturnType<typeof createBrokerAuth>;

// MessageBus on NATS JetStream (BUS_URL=nats://…), for an app spread over several processes or machines.
//
// - Durable subjects (`<prefix>.<subject>`) are captured by one stream with limits on age and size
//   (docs/operating.md, "The bus on NATS JetStream"). Publishing to them is acknowledged by JetStream and
//   deduplicated by the envelope id (a retried publish is stored once).
// - Live subjects (`unackedSubjects`, `<prefix>_live.<subject>`: high-rate poses whose newest value is all that
//   matters) are plain NATS subjects outside the stream: nothing stored, nothing acknowledged.
// - every-node subscribers (live views) get this process's own messages handed over in-process, at once and without
//   a copy (the connection is `noEcho`, so NATS does not send them back), and other processes' messages through
//   plain NATS subscriptions. Measured: a round trip through NATS for its own messages cost a single process 30×
//   its in-process p99 at 500 robots (docs/performance.md, "Bus on NATS").
// - one-node subscribers (database writers) share a durable JetStream consumer named after them: each message is
//   handled once across the nodes, acknowledged when the handler's promise resolves, and delivered again when it
//   fails (up to MAX_DELIVER times) or when its node dies before acknowledging. Durable subjects only.
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamClient,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Envelope } from '../../domain/envelope';
import type { BusStats, EnvelopeHandler, MessageBus, SubscribeOptions, Subscription } from '../../ports/message-bus';
import { decodeEnvelope, encodeEnvelope } from './envelope-codec';
import { createInProcessBus } from './in-process';

export interface NatsBusOptions {
  url: string;
  /** NATS subjects are `<prefix>.<app subject>`; the stream is named after it. Tests use their own. */
  prefix?: string;
  /** Stream limits: messages older than this are dropped. */
  maxAgeSeconds?: number;
  /** Stream limits: the oldest messages are dropped past this size. */
  maxBytes?: number;
  /** App subjects published without waiting for JetStream's acknowledgement. */
  unackedSubjects?: readonly string[];
  /** A one-node message unacknowledged this long is delivered again (default 30 s); applies to new consumers. */
  ackWaitMs?: number;
  /** How long the first connection may take before the start fails. */
  connectTimeoutMs?: number;
  onHandlerError?: (name: string, err: unknown) => void;
  /** Connection changes and consumer failures, for the log. */
  onEvent?: (event: string, detail: Record<string, unknown>) => void;
}

/** A message whose handler keeps failing is given up after this many deliveries (counted as handler errors). */
export const MAX_DELIVER = 5;
/** Unacknowledged messages a one-node consumer may have out at once: the bound on what a slow writer holds. */
const MAX_ACK_PENDING = 10_000;
/** A message not acknowledged this long after delivery (its node died mid-write) goes to another subscriber. */
const ACK_WAIT_MS = 30_000;
const NAK_DELAY_MS = 1000;
/** An acknowledged publish is retried (NATS restarting, a lost acknowledgement) for this long before it counts as lost. */
const PUBLISH_RETRY_MS = 30_000;
/** Publishes waiting for an acknowledgement at most; past it a new one counts as lost at once (memory stays bounded). */
const MAX_PENDING_PUBLISHES = 20_000;
const NS_PER_S = 1e9;

const durableName = (name: string, subject: string) => `${name}__${subject}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** The stream that holds a prefix's subjects. */
export const streamNameOf = (prefix: string) => prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase();

/** Deletes a prefix's stream and its consumers (tests and throwaway clusters clean up after themselves). */
export async function deleteNatsStream(url: string, prefix: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 3000 });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(streamNameOf(prefix)).catch(() => false);
  } finally {
    await nc.close();
  }
}

export async function createNatsBus(o: NatsBusOptions): Promise<MessageBus> {
  const prefix = o.prefix ?? 'fleetscope';
  const stream = streamNameOf(prefix);
  const livePrefix = `${prefix}_live`;
  const unacked = new Set(o.unackedSubjects ?? []);
  const toNats = (subject: string) => `${unacked.has(subject) ? livePrefix : prefix}.${subject}`;
  const fromNats = (subject: string) => subject.slice((subject.startsWith(`${livePrefix}.`) ? livePrefix : prefix).length + 1);

  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: o.url,
      timeout: o.connectTimeoutMs ?? 3000,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      name: prefix,
      // This process's own messages reach its every-node subscribers in-process, not back through NATS.
      noEcho: true,
    });
  } catch (err) {
    throw new Error(`BUS_URL ${o.url}: NATS is not reachable (${(err as Error).message})`);
  }
  const jsm = await jetstreamManager(nc).catch((err: unknown) => {
    void nc.close();
    throw new Error(`BUS_URL ${o.url}: JetStream is not enabled on that server (${(err as Error).message})`);
  });
  const streamConfig = {
    name: stream,
    subjects: [`${prefix}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: (o.maxAgeSeconds ?? 3600) * NS_PER_S,
    max_bytes: o.maxBytes ?? 1024 ** 3,
    duplicate_window: 120 * NS_PER_S,
  };
  await jsm.streams
    .info(stream)
    .then(
      () => jsm.streams.update(stream, streamConfig),
      () => jsm.streams.add(streamConfig),
    )
    .catch(async (err: unknown) => {
      await nc.close();
      throw new Error(`BUS_URL ${o.url}: the stream ${stream} could not be set up (${(err as Error).message})`);
    });
  const js: JetStreamClient = jetstream(nc);

  const stats = { published: 0, delivered: 0, handlerErrors: 0, pending: 0, lost: 0 };
  let connected = true;
  let closed = false;
  const stops = new Set<() => void>();

  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') connected = false;
      else if (s.type === 'reconnect') connected = true;
      if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error')
        o.onEvent?.(`nats ${s.type}`, { server: 'server' in s ? s.server : undefined });
    }
  })().catch((err: unknown) => o.onEvent?.('nats status failed', { err: (err as Error).message }));

  const fail = (name: string, err: unknown) => {
    stats.handlerErrors++;
    o.onHandlerError?.(name, err);
  };
  /** This process's every-node subscribers, handed this process's own messages. */
  const local = createInProcessBus({ onHandlerError: o.onHandlerError });

  /** Runs the handler; resolves true when it (and its promise) succeeded. */
  const run = async (name: string, handler: EnvelopeHandler, env: Envelope): Promise<boolean> => {
    stats.delivered++;
    try {
      const r = handler(env);
      if (r && typeof (r as Promise<void>).then === 'function') {
        stats.pending++;
        try {
          await r;
        } finally {
          stats.pending--;
        }
      }
      return true;
    } catch (err) {
      fail(name, err);
      return false;
    }
  };

  let waitingPublishes = 0;
  const lose = (subject: string, id: string, why: string) => {
    stats.lost++;
    o.onEvent?.('publish lost', { subject, id, err: why });
  };
  const publishAcked = async (subject: string, data: Uint8Array, id: string) => {
    if (waitingPublishes >= MAX_PENDING_PUBLISHES) return lose(subject, id, `${MAX_PENDING_PUBLISHES} publishes already wait for NATS`);
    waitingPublishes++;
    stats.pending++;
    const giveUpAt = Date.now() + PUBLISH_RETRY_MS;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          // The same msgID on every try: a try whose acknowledgement was lost is stored once.
          await js.publish(subject, data, { msgID: id });
          return;
        } catch (err) {
          if (Date.now() >= giveUpAt || closed) return lose(subject, id, (err as Error).message);
          await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
        }
      }
    } finally {
      waitingPublishes--;
      stats.pending--;
    }
  };

  const everyNode = (subject: string, handler: EnvelopeHandler, name: string, withOwn = true): Subscription => {
    const mine = withOwn ? local.subscribe(subject, handler, { name }) : null;
    const callback = (err: Error | null, m: { data: Uint8Array; subject: string }) => {
      if (err) return fail(name, err);
      const env = decodeEnvelope(m.data, fromNats(m.subject));
      if (!env) return fail(name, new Error(`undecodable message on ${m.subject}`));
      void run(name, handler, env);
    };
    // Other processes' messages, durable and live alike.
    const theirs = [nc.subscribe(`${prefix}.${subject}`, { callback }), nc.subscribe(`${livePrefix}.${subject}`, { callback })];
    return {
      unsubscribe: () => {
        mine?.unsubscribe();
        for (const t of theirs) t.unsubscribe();
      },
    };
  };

  const oneNode = (subject: string, handler: EnvelopeHandler, name: string): Subscription => {
    let stopped = false;
    let stopConsumer: (() => void) | null = null;
    const stop = () => {
      stopped = true;
      stopConsumer?.();
      stops.delete(stop);
    };
    stops.add(stop);
    // A new consumer starts at the moment of subscribe(), not when NATS has created it: what is published in
    // between is in the stream and reaches it. An existing one (a restarted node) resumes where it was acknowledged.
    const since = new Date().toISOString();
    void (async () => {
      const durable = durableName(name, subject);
      try {
        const exists = await jsm.consumers.info(stream, durable).then(
          () => true,
          () => false,
        );
        if (!exists)
          await jsm.consumers.add(stream, {
            durable_name: durable,
            filter_subject: toNats(subject),
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.StartTime,
            opt_start_time: since,
            ack_wait: (o.ackWaitMs ?? ACK_WAIT_MS) * 1e6,
            max_deliver: MAX_DELIVER,
            max_ack_pending: MAX_ACK_PENDING,
          });
        const consumer = await js.consumers.get(stream, durable);
        const messages = await consumer.consume({ max_messages: 1000 });
        stopConsumer = () => void messages.close();
        if (stopped) return stopConsumer();
        for await (const m of messages) {
          const env = decodeEnvelope(m.data, fromNats(m.subject));
          if (!env) {
            fail(name, new Error(`undecodable message on ${m.subject}`));
            m.term();
            continue;
          }
          // Not awaited: handlers run in order, their promises settle side by side (a batch writer commits a
          // whole batch at once), each message acknowledged when its own settles. max_ack_pending bounds them.
          void run(name, handler, env).then((ok) => {
            // After close the connection is gone: the message stays unacknowledged and NATS delivers it again.
            if (closed) return;
            if (ok) m.ack();
            else m.nak(NAK_DELAY_MS);
          });
        }
      } catch (err) {
        if (!stopped && !closed) o.onEvent?.('consumer failed', { name, subject, err: (err as Error).message });
      }
    })();
    return { unsubscribe: stop };
  };

  return {
    kind: 'nats-jetstream',
    publish(env: Envelope) {
      if (closed) throw new Error('bus is closed');
      stats.published++;
      local.publish(env);
      const data = encodeEnvelope(env);
      const subject = toNats(env.subject);
      if (unacked.has(env.subject)) nc.publish(subject, data);
      else void publishAcked(subject, data, env.id);
    },
    subscribe(subject: string, handler: EnvelopeHandler, opts: SubscribeOptions = {}): Subscription {
      if (closed) throw new Error('bus is closed');
      const name = opts.name ?? subject;
      // Only this process's own messages: handed over in-process, nothing from NATS.
      if (opts.delivery === 'this-node') return local.subscribe(subject, handler, { name });
      // Only other processes' messages: NATS sends none of this process's back (noEcho).
      if (opts.delivery === 'other-nodes') return everyNode(subject, handler, name, false);
      if (opts.delivery !== 'one-node') return everyNode(subject, handler, name);
      if (unacked.has(subject) || subject === '>' || [...unacked].some((u) => subject.endsWith('.>') && u.startsWith(subject.slice(0, -1))))
        throw new Error(`one-node delivery needs durable subjects; ${subject} covers a live one (${[...unacked].join(', ')})`);
      return oneNode(subject, handler, name);
    },
    stats: (): BusStats => {
      const l = local.stats();
      return {
        ...stats,
        delivered: stats.delivered + l.delivered,
        handlerErrors: stats.handlerErrors + l.handlerErrors,
        pending: stats.pending + l.pending,
        connected,
        closed,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const stop of [...stops]) stop();
      await local.close();
      await nc.drain().catch(() => nc.close());
    },
  };
}

import type { Envelope } from '../domain/envelope';

export type EnvelopeHandler = (env: Envelope) => void | Promise<void>;

export interface Subscription {
  unsubscribe(): void;
}

/**
 * Who gets a message when several processes (or several subscribers) subscribe under the same name:
 * - `every-node`: each subscriber gets every message (live views: each web node keeps its own fleet state);
 * - `one-node`: the subscribers that share a name share the messages, each handled once across them (database
 *   writers). On a durable bus the message is acknowledged only when the handler's promise resolves, and a
 *   failed one is delivered again.
 * - `this-node`: only the messages this process published (per-robot writers next to the gateway that owns the
 *   robot: each robot's stream is written once, by one process, in order). One process: the same as every-node.
 * - `other-nodes`: only the messages other processes published (a readers' copy of what the other gateways' robots
 *   did, beside this node's own `this-node` writer). One process: nothing.
 */
export type Delivery = 'every-node' | 'one-node' | 'this-node' | 'other-nodes';

export interface SubscribeOptions {
  /** Who is subscribing (logs, metrics); with `one-node`, the name of the shared consumer. */
  name?: string;
  delivery?: Delivery;
}

/** Pub/sub with at-least-once delivery to each subscriber of a subject. */
export interface MessageBus {
  readonly kind: string;
  publish(env: Envelope): void;
  /** `subject` is exact, or a prefix ending in `.>` (NATS style) for everything below it. */
  subscribe(subject: string, handler: EnvelopeHandler, opts?: SubscribeOptions): Subscription;
  stats(): BusStats;
  close(): Promise<void>;
}

export interface BusStats {
  published: number;
  delivered: number;
  handlerErrors: number;
  /** Messages accepted but not yet handed to every subscriber. */
  pending: number;
  /** Published but refused by the bus (a durable bus that did not acknowledge after its retries). */
  lost?: number;
  /** A networked bus: whether the connection is up right now (it reconnects by itself). */
  connected?: boolean;
  /** Closed: publishing throws (health says the bus is down). */
  closed?: boolean;
}

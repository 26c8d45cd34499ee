import type { Envelope } from '../domain/envelope';

export type EnvelopeHandler = (env: Envelope) => void | Promise<void>;

export interface Subscription {
  unsubscribe(): void;
}

/** Pub/sub with at-least-once delivery to each subscriber of a subject. */
export interface MessageBus {
  readonly kind: string;
  publish(env: Envelope): void;
  /** `subject` is exact, or a prefix ending in `.>` (NATS style) for everything below it. */
  subscribe(subject: string, handler: EnvelopeHandler, opts?: { name?: string }): Subscription;
  stats(): BusStats;
  close(): Promise<void>;
}

export interface BusStats {
  published: number;
  delivered: number;
  handlerErrors: number;
  /** Messages accepted but not yet handed to every subscriber. */
  pending: number;
  /** Closed: publishing throws (health says the bus is down). */
  closed?: boolean;
}

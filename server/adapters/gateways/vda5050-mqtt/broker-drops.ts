// Messages the broker itself dropped, from Mosquitto's $SYS tree. Mosquitto drops a QoS 0 message for a subscriber
// that already has `max_queued_messages` (default 1000) waiting; a gateway subscribes to the whole fleet, so when it
// reads late the excess is lost before the app sees it. The app notices only the gaps in the robots' header ids;
// this counter says where they went. It is the broker's own count since it started, of every subscriber's drops,
// shown as the broker reported it: Mosquitto publishes it every `sys_interval` (10 s by default) only when it
// changed, and keeps it retained for a minute, so after a quiet minute it is unknown until it next changes. Other
// brokers (the embedded one) publish none.

export const BROKER_SYS_TOPICS = {
  dropped: '$SYS/broker/publish/messages/dropped',
} as const;

/** A counter is a decimal integer; anything longer or else is refused (counted), never parsed at length. */
const MAX_COUNTER_CHARS = 20;

export interface BrokerDropFigures {
  /** The broker's count of dropped messages as it last reported it, or null when none was heard. */
  dropped: number | null;
  /** When that report arrived (the drops it counts happened in the interval before). */
  at: number | null;
  /** Payloads that were not a counter. */
  refused: number;
}

export interface BrokerDrops {
  /** Takes a `$SYS/…` message; returns false when the topic is not one it reads. */
  observe(topic: string, payload: Buffer, now: number): boolean;
  figures(): BrokerDropFigures;
}

export function createBrokerDrops(): BrokerDrops {
  const f: BrokerDropFigures = { dropped: null, at: null, refused: 0 };
  return {
    observe(topic, payload, now) {
      if (topic !== BROKER_SYS_TOPICS.dropped) return false;
      const text = payload.length <= MAX_COUNTER_CHARS ? payload.toString('latin1').trim() : '';
      if (!/^\d{1,16}$/.test(text)) {
        f.refused++;
        return true;
      }
      f.dropped = Number(text);
      f.at = now;
      return true;
    },
    figures: () => ({ ...f }),
  };
}

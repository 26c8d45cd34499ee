import { describe, expect, it } from 'vitest';
import { BROKER_SYS_TOPICS, createBrokerDrops } from './broker-drops';

const b = (s: string) => Buffer.from(s);

describe('broker drops from $SYS', () => {
  it('is unknown until the broker reports its counter, then the count as reported and when', () => {
    const d = createBrokerDrops();
    expect(d.figures()).toEqual({ dropped: null, at: null, refused: 0 });
    expect(d.observe(BROKER_SYS_TOPICS.dropped, b('48222'), 1000)).toBe(true);
    expect(d.observe(BROKER_SYS_TOPICS.dropped, b('66307'), 11_000)).toBe(true);
    expect(d.figures()).toEqual({ dropped: 66_307, at: 11_000, refused: 0 });
  });

  it('refuses what is not a counter, counted, keeping the last good value, and leaves other $SYS topics alone', () => {
    const d = createBrokerDrops();
    d.observe(BROKER_SYS_TOPICS.dropped, b('10'), 1);
    for (const bad of ['-5', '1e9', 'x', '', '9'.repeat(17), ' '.repeat(10_000)]) d.observe(BROKER_SYS_TOPICS.dropped, b(bad), 2);
    expect(d.figures()).toEqual({ dropped: 10, at: 1, refused: 6 });
    expect(d.observe('$SYS/broker/clients/connected', b('3'), 3)).toBe(false);
  });
});

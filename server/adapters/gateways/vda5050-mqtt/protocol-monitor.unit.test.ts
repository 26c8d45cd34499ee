// Header gaps count only the ids that never arrived: a rejected message arrived, so it is counted as rejected
// and advances the sequence (or, with an unreadable headerId, explains one skipped id).
import { describe, expect, it } from 'vitest';
import { createProtocolMonitor, type InboundRecord } from './protocol-monitor';

const R = 'Acme/AGV-1';
const valid = (headerId: number, topic = 'state'): InboundRecord => ({
  topic,
  headerId,
  at: headerId,
  size: 10,
  retained: false,
  text: '{}',
});
const rejected = (headerId: number | null, topic = 'state'): InboundRecord => ({
  topic,
  headerId,
  at: 0,
  size: 10,
  retained: false,
  payload: 'x',
  violation: { path: '/agvPosition/x', reason: 'must be number' },
});

function feed(records: InboundRecord[]) {
  const m = createProtocolMonitor();
  const lost = records.map((r) => m.recordInbound(R, r));
  return { stats: m.stats(R)!, lost };
}

describe('protocol monitor: gaps, lost and rejected messages', () => {
  it('1, 2, (3 rejected), 4: no gap, one rejected', () => {
    const { stats, lost } = feed([valid(1), valid(2), rejected(3), valid(4)]);
    expect(stats).toMatchObject({ headerGaps: 0, lostMessages: 0, invalid: 1 });
    expect(lost).toEqual([0, 0, 0, 0]);
  });

  it('1, 2, 4: one gap, one lost', () => {
    const { stats, lost } = feed([valid(1), valid(2), valid(4)]);
    expect(stats).toMatchObject({ headerGaps: 1, lostMessages: 1, invalid: 0 });
    expect(lost).toEqual([0, 0, 1]);
  });

  it('a rejected message without a readable headerId explains one skipped id, not more', () => {
    expect(feed([valid(1), rejected(null), valid(3)]).stats).toMatchObject({ headerGaps: 0, lostMessages: 0, invalid: 1 });
    expect(feed([valid(1), rejected(null), valid(5)]).stats).toMatchObject({ headerGaps: 1, lostMessages: 2, invalid: 1 });
  });

  it('ids missing before a rejected message are lost', () => {
    expect(feed([valid(1), rejected(4), valid(5)]).stats).toMatchObject({ headerGaps: 1, lostMessages: 2, invalid: 1 });
  });

  it('keeps topics apart: a rejected state does not explain a visualization gap', () => {
    const { stats } = feed([valid(1, 'visualization'), rejected(null, 'state'), valid(3, 'visualization')]);
    expect(stats).toMatchObject({ headerGaps: 1, lostMessages: 1, invalid: 1 });
  });

  it('a run of rejected messages (a robot whose every message is malformed for a while) is no gap', () => {
    const { stats } = feed([valid(10), rejected(11), rejected(null), rejected(13), rejected(null), valid(15), valid(16)]);
    expect(stats).toMatchObject({ headerGaps: 0, lostMessages: 0, invalid: 4, received: { state: 7 } });
  });
});

// The why view renders a whole incident to markup (server-side React, no browser): the verdict first, the moment
// marker between the events before and after it, the likely cause marked, links to the ledger and the trace, and
// what the data-path card says with tracing off.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { eventCategory, type HistoryEvent, type HistoryEventKind } from '@/server/domain/history/history-event';
import type { IncidentView as View } from '@/server/domain/history/incident-view';
import { IncidentView } from './IncidentView';

const AT = 1_800_000_000_000;
const ev = (id: string, kind: HistoryEventKind, dtSec: number, detail: Record<string, unknown> = {}): HistoryEvent => ({
  id,
  robotId: 7,
  ts: AT + dtSec * 1000,
  kind,
  category: eventCategory(kind)!,
  level: 'info',
  summary: `${kind} summary`,
  detail,
});

const view: View = {
  robotId: 7,
  at: AT,
  from: AT - 300_000,
  to: AT + 60_000,
  tier: 'raw',
  robot: null,
  status: 'paused',
  verdict: {
    reason: 'command',
    summary: 'Paused by otto@e2e.local (pause command at 08:00:00 UTC)',
    confidence: 'high',
    eventId: 'c:x:0',
    stoppedAt: AT - 4000,
    user: 'otto@e2e.local',
  },
  events: [
    ev('c:x:0', 'command_issued', -5, { type: 'pause', issuedBy: 'otto@e2e.local', traceId: 'b'.repeat(32) }),
    ev('r:1', 'paused', -4),
    ev('r:2', 'resumed', 20),
  ],
  eventsTruncated: false,
  order: null,
  actions: [],
  openAlerts: [],
  flow: { tracing: 'off' },
};

describe('IncidentView', () => {
  it('renders the verdict, the timeline around the moment and the path card', () => {
    const html = renderToStaticMarkup(createElement(IncidentView, { view }));
    expect(html).toContain('Paused by otto@e2e.local');
    expect(html.indexOf('why-verdict')).toBeLessThan(html.indexOf('why-events'));
    const command = html.indexOf('data-kind="command_issued"');
    const moment = html.indexOf('data-testid="why-moment"');
    const resumed = html.indexOf('data-kind="resumed"');
    expect(command).toBeGreaterThan(0);
    expect(command).toBeLessThan(moment);
    expect(moment).toBeLessThan(resumed);
    expect(html).toContain('Likely cause: ');
    expect(html).toContain('href="/commands?robot=7"');
    expect(html).toContain(`href="/flow?trace=${'b'.repeat(32)}"`);
    expect(html).toContain('−5.0 s');
    expect(html).toContain('Tracing is off');
    expect(html).toContain('History holds nothing of this robot');
  });
});

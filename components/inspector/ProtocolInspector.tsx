'use client';
// Protocol inspector tab of /robots/[id]: live message log (pausable, filterable), the selected message's JSON,
// protocol counters, factsheet, current order and action states. Messages (their payloads) need the `inspect`
// capability (architect, admin); other roles see the counters and the factsheet and a note in place of the rest.
// The selected message's detail sits beside the log when the card is wide enough, below it otherwise.
import { useCallback, useMemo, useState } from 'react';
import { NeedsRole } from '@/components/auth/Can';
import { useCapability } from '@/components/auth/use-me';
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';
import { StateMessage } from '@/components/ui/StateMessage';
import { ActionStatesTable } from './ActionStatesTable';
import { ConformancePanel } from './ConformancePanel';
import { FactsheetPanel } from './FactsheetPanel';
import { MessageDetail } from './MessageDetail';
import { MessageLog } from './MessageLog';
import { messageKey } from './message-format';
import { OrderPanel } from './OrderPanel';
import { ProtocolCounters } from './ProtocolCounters';
import { LOG_LIMIT, useInspectorFeed } from './use-inspector-feed';
import './inspector.css';

type Validity = 'all' | 'valid' | 'invalid';
const KNOWN_TOPICS = ['state', 'visualization', 'connection', 'factsheet', 'order', 'instantActions'];

export function ProtocolInspector({ robotId }: { robotId: number }) {
  const inspect = useCapability('inspect');
  const feed = useInspectorFeed(robotId, inspect === 'yes');
  const [topic, setTopic] = useState('all');
  const [validity, setValidity] = useState<Validity>('all');
  const [selected, setSelected] = useState<RecentMessage | null>(null);
  const onSelect = useCallback((m: RecentMessage) => setSelected(m), []);

  const topics = useMemo(() => {
    const seen = new Set([...KNOWN_TOPICS, ...Object.keys(feed.stats?.received ?? {}), ...Object.keys(feed.stats?.sent ?? {})]);
    return [...seen].sort();
  }, [feed.stats]);
  const rows = useMemo(
    () =>
      feed.messages
        .filter((m) => (topic === 'all' || m.topic === topic) && (validity === 'all' || m.valid === (validity === 'valid')))
        .slice(0, LOG_LIMIT),
    [feed.messages, topic, validity],
  );

  const logCard = (
    <section className="card inspector-log-card" aria-label="Message log">
      <div className="inspector-toolbar">
        <h2>Messages</h2>
        <button
          type="button"
          className={feed.paused ? 'small-button active' : 'small-button'}
          aria-pressed={feed.paused}
          data-testid="inspector-pause"
          onClick={() => feed.setPaused(!feed.paused)}
        >
          {feed.paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        <select aria-label="Filter by topic" value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="inspector-topic-filter">
          <option value="all">All topics</option>
          {topics.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by validity"
          value={validity}
          onChange={(e) => setValidity(e.target.value as Validity)}
          data-testid="inspector-validity-filter"
        >
          <option value="all">Valid and invalid</option>
          <option value="valid">Valid only</option>
          <option value="invalid">Invalid only</option>
        </select>
        <span className="muted" aria-live="polite">
          {rows.length} of {feed.messages.length} shown{feed.paused ? ' · paused' : ' · live, every second'}
        </span>
      </div>
      <div className={selected ? 'inspector-log-body with-detail' : 'inspector-log-body'}>
        {feed.error ? (
          <StateMessage title="The message log is not available">{feed.error}</StateMessage>
        ) : feed.loading ? (
          <StateMessage title="Loading messages…" busy />
        ) : feed.messages.length === 0 ? (
          <StateMessage title="No messages yet">Nothing from or to this robot has passed the gateway since the app started.</StateMessage>
        ) : rows.length === 0 ? (
          <StateMessage title="No message matches the filters" />
        ) : (
          <MessageLog messages={rows} selectedKey={selected ? messageKey(selected) : null} onSelect={onSelect} />
        )}
        {selected ? <MessageDetail message={selected} onClose={() => setSelected(null)} /> : null}
      </div>
    </section>
  );

  return (
    <div className="inspector">
      <div className="inspector-main">
        <section className="card" aria-label="Protocol counters">
          <h2>Protocol</h2>
          <ProtocolCounters stats={feed.stats} />
        </section>
        {inspect === 'no' ? (
          <section className="card" aria-label="Message log" data-testid="inspector-no-payloads">
            <h2>Messages</h2>
            <NeedsRole capability="inspect" what="The message log and message payloads" plural />
          </section>
        ) : inspect === 'yes' ? (
          logCard
        ) : null}
      </div>
      <div className="inspector-side">
        {inspect === 'yes' ? (
          <>
            <OrderPanel state={feed.latestState} />
            <ActionStatesTable state={feed.latestState} />
          </>
        ) : inspect === 'no' ? (
          <section className="card" aria-label="Current order">
            <h2>Current order and action states</h2>
            <NeedsRole capability="inspect" what="The current order and action states (read from message payloads)" plural />
          </section>
        ) : null}
        <FactsheetPanel robotId={robotId} />
        <ConformancePanel robotId={robotId} />
      </div>
    </div>
  );
}

'use client';
// One message in full: header facts, the schema violation if any, and the pretty-printed JSON with Copy. Beside
// the log on a wide card, below it on a narrow one: either way it is scrolled into view when a message is opened
// (focus stays on the log, so the arrow keys keep moving through the messages). Escape closes it.
import { useEffect, useRef } from 'react';
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';
import { useCopy } from '@/components/ui/use-copy';
import { formatBytes, formatClock, formatPath, prettyPayload } from './message-format';

export function MessageDetail({ message, onClose }: { message: RecentMessage; onClose(): void }) {
  const { copied, copy } = useCopy();
  const json = prettyPayload(message.payload);
  const box = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each newly opened message is scrolled into view, so [message] is the trigger
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [message]);
  return (
    <section
      ref={box}
      className="inspector-detail"
      aria-label="Selected message"
      data-testid="inspector-detail"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header>
        <h3>
          {message.direction === 'in' ? 'Received' : 'Sent'} <code>{message.topic}</code> #{message.headerId ?? '—'}
        </h3>
        <div className="inspector-detail-actions">
          <button type="button" className="small-button" onClick={() => copy(json)} data-testid="inspector-copy">
            Copy JSON
          </button>
          <button type="button" className="icon-button" aria-label="Close message" onClick={onClose}>
            ×
          </button>
        </div>
      </header>
      <p className="muted">
        {formatClock(message.at)} · {formatBytes(message.size)}
        {message.retained ? ' · retained' : ''}
        <span role="status" className="copy-status">
          {copied === 'yes' ? ' · copied' : copied === 'failed' ? ' · copy failed: select the text instead' : ''}
        </span>
      </p>
      {message.violation ? (
        <p className="violation" role="note">
          Schema violation at <code>{formatPath(message.violation.path)}</code>: {message.violation.reason}
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: the scrolling <pre> is itself the region: focusable so the keyboard can scroll it (WCAG 2.1.1), named so that focus is announced */}
      <pre className="json" role="region" tabIndex={0} aria-label="Message JSON">
        {json}
      </pre>
    </section>
  );
}

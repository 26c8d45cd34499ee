'use client';
// One message in full: header facts, the schema violation if any, and the pretty-printed JSON with Copy.
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';
import { useCopy } from '@/components/ui/use-copy';
import { formatBytes, formatClock, formatPath, prettyPayload } from './message-format';

export function MessageDetail({ message, onClose }: { message: RecentMessage; onClose(): void }) {
  const { copied, copy } = useCopy();
  const json = prettyPayload(message.payload);
  return (
    <section className="inspector-detail" aria-label="Selected message" data-testid="inspector-detail">
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

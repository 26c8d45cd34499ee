'use client';
// The robot's recent VDA 5050 messages, newest first. Rows are memoised on the fields they show, so a poll that
// brings 10 new messages re-renders those rows, not all 200. Roving tabindex: one Tab stop, arrows move, Enter opens.
import { memo, type KeyboardEvent } from 'react';
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';
import { formatBytes, formatClock, formatPath, messageKey } from './message-format';

interface Props {
  messages: RecentMessage[];
  selectedKey: string | null;
  onSelect(m: RecentMessage): void;
}

export function MessageLog({ messages, selectedKey, onSelect }: Props) {
  const focusKey = messages.some((m) => messageKey(m) === selectedKey) ? selectedKey : messages[0] ? messageKey(messages[0]) : null;
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (e.target as HTMLElement).closest('tr');
    if (!row) return;
    const next = e.key === 'ArrowDown' ? row.nextElementSibling : e.key === 'ArrowUp' ? row.previousElementSibling : null;
    if (next instanceof HTMLElement) {
      e.preventDefault();
      next.focus();
    }
  };
  const seen = new Map<string, number>();
  return (
    <div className="inspector-log" data-testid="inspector-log">
      <table>
        <thead>
          <tr>
            <th scope="col" aria-label="Direction" />
            <th scope="col">Time</th>
            <th scope="col">Topic</th>
            <th scope="col">headerId</th>
            <th scope="col">Size</th>
            <th scope="col">Valid</th>
            <th scope="col">Violation</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {messages.map((m) => {
            const key = messageKey(m);
            // Two undecodable messages of one size in the same millisecond would share a key.
            const n = (seen.get(key) ?? 0) + 1;
            seen.set(key, n);
            return (
              <LogRow
                key={n === 1 ? key : `${key}#${n}`}
                m={m}
                selected={key === selectedKey}
                focusable={key === focusKey && n === 1}
                onSelect={onSelect}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  m: RecentMessage;
  selected: boolean;
  focusable: boolean;
  onSelect(m: RecentMessage): void;
}

const LogRow = memo(
  function LogRow({ m, selected, focusable, onSelect }: RowProps) {
    const open = () => onSelect(m);
    return (
      <tr
        data-testid="inspector-row"
        data-valid={String(m.valid)}
        data-topic={m.topic}
        className={selected ? 'selected' : m.valid ? undefined : 'invalid'}
        tabIndex={focusable ? 0 : -1}
        aria-selected={selected}
        onClick={open}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            open();
          }
        }}
      >
        <td className="dir" title={m.direction === 'in' ? 'received from the robot' : 'sent to the robot'}>
          {m.direction === 'in' ? '↓' : '↑'}
        </td>
        <td className="mono">{formatClock(m.at)}</td>
        <td>
          {m.topic}
          {m.retained ? <span className="muted"> (retained)</span> : null}
        </td>
        <td className="mono" data-testid="inspector-header-id">
          {m.headerId ?? '—'}
        </td>
        <td className="mono">{formatBytes(m.size)}</td>
        <td>{m.valid ? <span className="ok">valid</span> : <span className="bad">invalid</span>}</td>
        <td>
          {m.violation ? (
            <span data-testid="inspector-violation">
              <code>{formatPath(m.violation.path)}</code> {m.violation.reason}
            </span>
          ) : null}
        </td>
      </tr>
    );
  },
  // The server sends new objects on every poll; a row only changes when what it shows changes.
  (a, b) =>
    a.selected === b.selected &&
    a.focusable === b.focusable &&
    a.onSelect === b.onSelect &&
    messageKey(a.m) === messageKey(b.m) &&
    a.m.valid === b.m.valid,
);

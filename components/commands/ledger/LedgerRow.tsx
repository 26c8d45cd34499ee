'use client';
// One command in the ledger. Memoised: live updates replace only the changed command's object.
import { memo } from 'react';
import type { CommandView } from '@/server/domain/commands/command';
import { COMMAND_NAME, formatClock, isOpen, lifecycleTimings, paramsSummary } from '../command-format';
import { StatusPill } from '../StatusPill';

interface Props {
  command: CommandView;
  robot: string;
  selected: boolean;
  cancelling: boolean;
  /** The viewer's role may cancel commands. */
  canCancel: boolean;
  onOpen(id: string): void;
  onCancel(id: string): void;
}

export const LedgerRow = memo(function LedgerRow({ command: c, robot, selected, cancelling, canCancel, onOpen, onCancel }: Props) {
  const t = lifecycleTimings(c);
  return (
    <tr
      data-testid="command-row"
      data-command-id={c.id}
      data-status={c.status}
      data-robot-id={c.robotId}
      data-type={c.type}
      className={selected ? 'selected' : undefined}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onOpen(c.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(c.id);
      }}
    >
      <td className="mono" title={new Date(c.issuedAt).toLocaleString()}>
        {formatClock(c.issuedAt)}
      </td>
      <td className="mono">{robot}</td>
      <td>{COMMAND_NAME[c.type]}</td>
      <td className="muted">{paramsSummary(c.type, c.params) || '—'}</td>
      <td>
        <StatusPill status={c.status} />
      </td>
      <td className="mono num">{t.dispatched}</td>
      <td className="mono num">{t.acknowledged}</td>
      <td className="mono num">{t.done}</td>
      <td>{c.issuedBy}</td>
      <td className="mono num">{c.attempts}</td>
      <td className="outcome">{c.outcome ?? ''}</td>
      <td>
        {canCancel && isOpen(c) ? (
          <button
            type="button"
            className="small-button danger"
            disabled={cancelling}
            data-testid="command-cancel"
            onClick={(e) => {
              e.stopPropagation();
              onCancel(c.id);
            }}
          >
            Cancel
          </button>
        ) : null}
      </td>
    </tr>
  );
});

'use client';
// One command in the ledger: the columns its layout shows (ledger-columns.ts). Memoised: live updates replace
// only the changed command's object.
import { memo } from 'react';
import type { CommandView } from '@/server/domain/commands/command';
import { COMMAND_NAME, isOpen, paramsSummary } from '../command-format';
import { StatusPill } from '../StatusPill';
import type { LedgerColumn } from './ledger-columns';
import { afterIssued, afterIssuedText, formatIssued, formatMoment, type LifecyclePoint } from './ledger-time';

interface Props {
  command: CommandView;
  robot: string;
  shown: ReadonlySet<LedgerColumn>;
  /** When the page was rendered: the year is left out of dates of the same year. */
  now: number;
  selected: boolean;
  cancelling: boolean;
  /** The viewer's role may cancel commands. */
  canCancel: boolean;
  onOpen(id: string): void;
  onCancel(id: string): void;
}

function Timing({ c, point }: { c: CommandView; point: LifecyclePoint }) {
  const ms = afterIssued(c, point);
  return (
    <td className="mono num" data-testid={`command-${point}`} title={ms === null ? `Not ${point} yet` : `${ms} ms after issued`}>
      {afterIssuedText(ms)}
    </td>
  );
}

export const LedgerRow = memo(function LedgerRow({
  command: c,
  robot,
  shown,
  now,
  selected,
  cancelling,
  canCancel,
  onOpen,
  onCancel,
}: Props) {
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
      <td className="mono issued" title={formatMoment(c.issuedAt)} data-testid="command-issued">
        {formatIssued(c.issuedAt, now)}
      </td>
      <td className="mono">{robot}</td>
      <td>{COMMAND_NAME[c.type]}</td>
      {shown.has('params') ? <td className="muted params">{paramsSummary(c.type, c.params) || '—'}</td> : null}
      <td>
        <StatusPill status={c.status} />
      </td>
      {shown.has('dispatched') ? <Timing c={c} point="dispatched" /> : null}
      {shown.has('acknowledged') ? <Timing c={c} point="acknowledged" /> : null}
      {shown.has('done') ? <Timing c={c} point="done" /> : null}
      {shown.has('issuer') ? (
        <td className="issuer" title={c.issuedBy}>
          {c.issuedBy}
        </td>
      ) : null}
      {shown.has('attempts') ? <td className="mono num">{c.attempts}</td> : null}
      <td className="outcome" data-testid="command-outcome">
        {c.outcome ?? ''}
      </td>
      <td className="actions">
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

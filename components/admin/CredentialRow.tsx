'use client';
// One robot credential: who it covers, its state, and disable/enable, reset password and delete.
import type { CredentialRowView } from './admin-types';
import { formatDateTime, isoOf } from './time-format';

interface Props {
  credential: CredentialRowView;
  busy: boolean;
  onToggleDisabled(): void;
  onReset(): void;
  onDelete(): void;
}

export function CredentialRow({ credential: c, busy, onToggleDisabled, onReset, onDelete }: Props) {
  return (
    <tr
      data-testid="credential-row"
      data-username={c.username}
      data-disabled={String(c.disabled)}
      className={c.disabled ? 'is-disabled' : undefined}
    >
      <td className="mono nowrap">{c.username}</td>
      <td>{c.manufacturer}</td>
      <td className="mono">{c.serialNumber ?? <span className="muted">any robot</span>}</td>
      <td className="muted">{c.note ?? ''}</td>
      <td>
        <span className={c.disabled ? 'pill tone-bad' : 'pill tone-ok'} data-testid="credential-status">
          {c.disabled ? 'disabled' : 'enabled'}
        </span>
      </td>
      <td>
        <span className="who">
          <span className="mono" title={isoOf(c.createdAt)}>
            {formatDateTime(c.createdAt)}
          </span>
          <span className="muted">by {c.createdBy}</span>
        </span>
      </td>
      <td className="actions">
        <button type="button" className="small-button" disabled={busy} onClick={onReset} data-testid="credential-reset">
          Reset password
        </button>
        <button
          type="button"
          className={c.disabled ? 'small-button' : 'small-button danger'}
          disabled={busy}
          onClick={onToggleDisabled}
          data-testid="credential-toggle-disabled"
        >
          {c.disabled ? 'Enable' : 'Disable'}
        </button>
        <button type="button" className="small-button danger" disabled={busy} onClick={onDelete} data-testid="credential-delete">
          Delete
        </button>
      </td>
    </tr>
  );
}

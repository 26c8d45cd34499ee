'use client';
// One user in the users table: role (changed through a confirmation), enabled or disabled, and a password reset
// that opens a row below it.
import { ROLES, type Role } from '@/server/domain/identity/roles';
import type { UserRowView } from './admin-types';
import { formatDateTime, isoOf } from './time-format';

interface Props {
  user: UserRowView;
  isMe: boolean;
  busy: boolean;
  resetOpen: boolean;
  onRole(role: Role): void;
  onToggleDisabled(): void;
  onReset(): void;
}

export function UserRow({ user: u, isMe, busy, resetOpen, onRole, onToggleDisabled, onReset }: Props) {
  return (
    <tr
      data-testid="user-row"
      data-email={u.email}
      data-name={u.name}
      data-role={u.role}
      data-disabled={String(u.disabled)}
      className={u.disabled ? 'is-disabled' : undefined}
    >
      <td>
        <span className="who">
          <span>
            {u.name}
            {isMe ? <span className="muted"> (you)</span> : null}
          </span>
          <span className="muted mono">{u.email}</span>
        </span>
      </td>
      <td>
        <select
          aria-label={`Role of ${u.email}`}
          value={u.role}
          disabled={busy}
          onChange={(e) => onRole(e.target.value as Role)}
          data-testid="user-role-select"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td>
        {u.disabled ? (
          <span className="pill tone-bad" data-testid="user-status">
            disabled
          </span>
        ) : (
          <span className="pill tone-ok" data-testid="user-status">
            enabled
          </span>
        )}
      </td>
      <td className="mono" title={isoOf(u.createdAt)}>
        {formatDateTime(u.createdAt)}
      </td>
      <td className="mono" title={isoOf(u.updatedAt)}>
        {formatDateTime(u.updatedAt)}
      </td>
      <td className="actions">
        <button
          type="button"
          className="small-button"
          disabled={busy}
          aria-expanded={resetOpen}
          onClick={onReset}
          data-testid="user-reset-password"
        >
          Reset password
        </button>
        <button
          type="button"
          className={u.disabled ? 'small-button' : 'small-button danger'}
          disabled={busy}
          onClick={onToggleDisabled}
          data-testid="user-toggle-disabled"
        >
          {u.disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
    </tr>
  );
}

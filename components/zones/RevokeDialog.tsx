'use client';
// Confirmation before revoking a grant: what the robot is told and what happens to the zone after. Enter confirms,
// Escape cancels (the kit's ConfirmDialog); a refusal shows in the dialog, which stays open.
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import type { RevokeTarget } from './use-zone-revoke';

interface Props {
  target: RevokeTarget;
  /** RELEASE zones: what the robot does when it loses the release (STOP, CONTINUE, EVACUATE). */
  lossBehaviour?: string;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}

export function RevokeDialog({ target, lossBehaviour, busy, error, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog
      title={`Revoke ${target.kind} ${target.id} from ${target.holderName}?`}
      confirmLabel={busy ? 'Revoking…' : 'Revoke'}
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {target.holderName} is told REVOKED for {target.id}
        {lossBehaviour ? ` and reacts as the zone says (${lossBehaviour})` : ''}. It stays the holder until it lets go or its lease ends,
        because it may still be inside; robots waiting get the {target.kind} after that.
      </p>
      {error ? (
        <p className="bad" role="alert" data-testid="zone-revoke-error">
          {error}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}

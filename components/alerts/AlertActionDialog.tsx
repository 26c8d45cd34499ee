'use client';
// Acknowledge or resolve one alert, with an optional note: focus starts in the note, Enter confirms, Escape
// cancels. A refusal (the alert resolved meanwhile, the role changed) shows in the dialog, which stays open.
import { useId, useRef, useState } from 'react';
import { type AlertView, MAX_ALERT_NOTE_CHARS } from '@/server/domain/alerts/alert';
import { trapTab, useDialogFocus } from '@/components/ui/use-dialog-focus';
import type { AlertAction } from './AlertRow';

const VERB: Record<AlertAction, string> = { acknowledge: 'Acknowledge', resolve: 'Resolve' };
const WHAT: Record<AlertAction, string> = {
  acknowledge: 'Everyone sees that you are on it; the alert stays until its condition clears.',
  resolve: 'Closes the alert now. If the condition still holds, a new alert opens after it has cleared once.',
};

interface Props {
  alert: AlertView;
  action: AlertAction;
  busy: boolean;
  error: string | null;
  onConfirm(note: string): void;
  onCancel(): void;
}

export function AlertActionDialog({ alert, action, busy, error, onConfirm, onCancel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const titleId = useId();
  const noteId = useId();
  useDialogFocus(box, input);
  const confirm = () => {
    if (!busy) onConfirm(note.trim());
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a press on the backdrop outside the dialog is a mouse shortcut for closing; from the keyboard the dialog cancels on Escape
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={box}
        className="modal alert-action-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="alert-action-dialog"
        data-action={action}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
            e.preventDefault();
            confirm();
          } else trapTab(e);
        }}
      >
        <h2 id={titleId}>
          {VERB[action]} “{alert.title}”
        </h2>
        <div className="modal-body">
          <p className="muted">{WHAT[action]}</p>
          <label htmlFor={noteId}>Note (optional)</label>
          <input
            id={noteId}
            ref={input}
            type="text"
            className="alert-note-input"
            value={note}
            maxLength={MAX_ALERT_NOTE_CHARS}
            placeholder={action === 'acknowledge' ? 'e.g. on my way to dock 3' : 'e.g. robot restarted'}
            onChange={(e) => setNote(e.target.value)}
            data-testid="alert-note-input"
          />
          {error ? (
            <p className="bad" role="alert" data-testid="alert-action-error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="modal-actions">
          <button type="button" className="small-button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button
            type="button"
            className={action === 'resolve' ? 'small-button danger' : 'small-button'}
            disabled={busy}
            onClick={confirm}
            data-testid="alert-action-confirm"
          >
            {busy ? `${VERB[action]}…` : VERB[action]} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

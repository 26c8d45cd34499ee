'use client';
// Confirmation for a disruptive action: Enter confirms, Escape cancels, focus starts on the confirm button.
import { useId, useRef, type ReactNode } from 'react';
import { trapTab, useDialogFocus } from './use-dialog-focus';
import './ui.css';

interface Props {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, busy = false, danger = true, onConfirm, onCancel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useDialogFocus(box, confirm);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a press on the backdrop outside the dialog is a mouse shortcut for closing; from the keyboard the dialog cancels on Escape
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={box}
        className="modal confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid="confirm-dialog"
        onKeyDown={(e) => {
          // Stop here so page shortcuts (Escape clears the robot selection) do not also fire.
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
            e.preventDefault();
            if (!busy) onConfirm();
          } else trapTab(e);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId} className="modal-body">
          {children}
        </div>
        <div className="modal-actions">
          <button type="button" className="small-button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button
            ref={confirm}
            type="button"
            className={danger ? 'small-button danger' : 'small-button'}
            disabled={busy}
            onClick={onConfirm}
            data-testid="confirm-button"
          >
            {confirmLabel} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

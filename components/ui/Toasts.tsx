'use client';
// The toast stack, bottom right of every page. Each toast is a polite live region, so screen readers
// announce outcomes without stealing focus.
import Link from 'next/link';
import { dismissToast, useToastStore } from './toast-store';
import './ui.css';

export function Toasts() {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <section className="toasts" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast tone-${t.tone}`} role="status" aria-live="polite" data-testid="toast" data-tone={t.tone}>
          <div className="toast-text">
            <strong>{t.title}</strong>
            {t.detail ? <span>{t.detail}</span> : null}
            {t.link ? (
              <Link href={t.link.href} className="toast-link" onClick={() => dismissToast(t.id)}>
                {t.link.text}
              </Link>
            ) : null}
          </div>
          <button type="button" className="icon-button small" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}

'use client';
// What the last action on an admin page came to, one at a time: starting an action clears the previous outcome,
// so a refusal never shows under an older action's success (or the other way round). `source` says where an error
// belongs (the "Add" form shows its own, the table's show above the table).
import { useCallback, useMemo, useState } from 'react';

export type Feedback = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown; source: string } | null;

export function useActionFeedback() {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const start = useCallback(() => setFeedback(null), []);
  const succeed = useCallback((text: string) => setFeedback({ kind: 'ok', text }), []);
  const fail = useCallback((source: string, error: unknown) => setFeedback({ kind: 'error', error, source }), []);
  return useMemo(
    () => ({
      start,
      succeed,
      fail,
      status: feedback?.kind === 'ok' ? feedback.text : null,
      errorOf: (source: string): unknown => (feedback?.kind === 'error' && feedback.source === source ? feedback.error : null),
    }),
    [feedback, start, succeed, fail],
  );
}

export type ActionFeedback = ReturnType<typeof useActionFeedback>;

// Toasts: short, stacked notices that dismiss themselves (success sooner than problems).
import { create } from 'zustand';

/** How a notice reads: fine, failed, needs a look, still running (the `tone-*` CSS classes). */
export type Tone = 'ok' | 'bad' | 'warn' | 'open';

export interface Toast {
  id: number;
  tone: Tone;
  title: string;
  detail: string | null;
  /** A link to what the notice is about (an alert's page), when there is one. */
  link?: { href: string; text: string };
}

const MAX_SHOWN = 5;
const LIFETIME_MS: Record<Tone, number> = { ok: 6_000, open: 6_000, warn: 10_000, bad: 12_000 };

interface ToastState {
  toasts: Toast[];
}

export const useToastStore = create<ToastState>()(() => ({ toasts: [] }));

let nextId = 1;

export function pushToast(t: Omit<Toast, 'id'>): number {
  const id = nextId++;
  useToastStore.setState((s) => ({ toasts: [...s.toasts, { ...t, id }].slice(-MAX_SHOWN) }));
  if (typeof window !== 'undefined') setTimeout(() => dismissToast(id), LIFETIME_MS[t.tone]);
  return id;
}

export function dismissToast(id: number): void {
  useToastStore.setState((s) => (s.toasts.some((t) => t.id === id) ? { toasts: s.toasts.filter((t) => t.id !== id) } : s));
}

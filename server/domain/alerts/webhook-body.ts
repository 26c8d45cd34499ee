// The JSON body every alert webhook receives (documented in docs/alerts.md), and how it is signed. Pure.
import type { AlertTransition, AlertView } from './alert';
import type { AlertRuleId } from './rule-catalogue';

export interface AlertWebhookBody {
  /** The delivery's id: the same on every retry of one notification, so a receiver can drop a repeat. */
  id: string;
  /** What happened to the alert. */
  event: AlertTransition;
  /** Epoch ms of the transition. */
  at: number;
  /** Who caused it: a user's name, or `auto`. */
  by: string;
  note: string | null;
  rule: { id: AlertRuleId; name: string };
  alert: AlertView;
}

/** Header names: the receiver recomputes HMAC-SHA256(secret, `${timestamp}.${rawBody}`) and compares. */
export const WEBHOOK_HEADERS = {
  delivery: 'x-fleetscope-delivery',
  event: 'x-fleetscope-event',
  timestamp: 'x-fleetscope-timestamp',
  /** `sha256=<hex>`; absent when no ALERT_WEBHOOK_SECRET is set. */
  signature: 'x-fleetscope-signature',
} as const;

/** The text that is signed: the timestamp header's value, a dot, and the raw body. */
export const signedText = (timestamp: string, rawBody: string) => `${timestamp}.${rawBody}`;

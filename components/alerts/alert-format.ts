// How alerts read: severity and state words, the bell's label, times (relative and absolute), rule names (pure).
import type { AlertCounts, AlertSeverity, AlertState } from '@/server/domain/alerts/alert';
import { ALERT_RULE_IDS, DEFAULT_RULES, type AlertRuleId } from '@/server/domain/alerts/rule-catalogue';

export const SEVERITY_TEXT: Record<AlertSeverity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };
export const STATE_TEXT: Record<AlertState, string> = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };

/** Rule names are fixed by the catalogue (admins change settings, not names), so no query is needed for them. */
export function ruleName(id: AlertRuleId): string {
  return DEFAULT_RULES[id]?.name ?? id;
}

export const RULE_IDS = ALERT_RULE_IDS;

/** "Alerts: 2 critical, 1 warning" (zero counts left out); "Alerts: none open". */
export function bellLabel(counts: AlertCounts | null): string {
  if (!counts) return 'Alerts: loading';
  const parts = (['critical', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? `Alerts: ${parts.join(', ')}` : 'Alerts: none open';
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function relativeTime(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Local date and time to the second: "2026-12-02 12:03:04". */
export function absoluteTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// One toast for each new critical alert, with its title and a link to it on the alerts page.
import type { AlertView } from '@/server/domain/alerts/alert';
import { pushToast } from '@/components/ui/toast-store';
import { ruleName } from './alert-format';

/** More at once than this (a broker outage taking the fleet offline) make one summary toast instead of a stack. */
const MAX_SEPARATE = 3;

export const alertHref = (id: string) => `/alerts?alert=${encodeURIComponent(id)}`;

export function toastCriticalAlerts(alerts: readonly AlertView[]): void {
  if (alerts.length === 0) return;
  if (alerts.length > MAX_SEPARATE) {
    pushToast({
      tone: 'bad',
      title: `${alerts.length} new critical alerts`,
      detail: alerts
        .slice(0, MAX_SEPARATE)
        .map((a) => a.title)
        .join('; '),
      link: { href: '/alerts', text: 'Open the alerts' },
    });
    return;
  }
  for (const a of alerts) {
    pushToast({
      tone: 'bad',
      title: `Critical: ${a.title}`,
      detail: ruleName(a.ruleId),
      link: { href: alertHref(a.id), text: 'Open alert' },
    });
  }
}

'use client';
// /admin/alerts: every alert rule, editable in place (admins), and below it the recent webhook deliveries.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UpdateAlertRuleInput } from '@/server/domain/alerts/rule-catalogue';
import { useTRPC, useTRPCClient } from '@/components/trpc/trpc-context';
import { DataTable } from '@/components/ui/DataTable';
import { TableState } from '@/components/ui/TableState';
import { RuleRow } from './RuleRow';
import { serverErrorText } from './server-error';
import { WebhookDeliveries } from './WebhookDeliveries';
import '../alerts.css';

const COLUMNS = [
  'Rule',
  'Enabled',
  'Severity',
  { label: 'Threshold', title: 'In the unit shown; a second one makes the alert critical' },
  { label: 'Holds for', title: 'The condition must hold this long before the alert opens' },
  { label: 'Clears after', title: 'The condition must stay clear this long before the alert resolves (against flapping)' },
  { label: 'Webhook', title: "Where this rule's notifications go besides ALERT_WEBHOOK_URL" },
  { label: 'Save', srOnly: true },
];

export function AlertRulesAdmin() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const rules = useQuery({ ...trpc.alertRules.list.queryOptions(), staleTime: 0 });
  const [saving, setSaving] = useState<string | null>(null);

  const save = async (input: UpdateAlertRuleInput): Promise<string | null> => {
    setSaving(input.id);
    try {
      await client.alertRules.update.mutate(input);
      await queryClient.invalidateQueries({ queryKey: trpc.alertRules.list.queryKey() });
      return null;
    } catch (e) {
      return serverErrorText(e);
    } finally {
      setSaving(null);
    }
  };

  return (
    <div className="alert-rules">
      <header className="alert-rules-header">
        <h1>Alert rules</h1>
        <span className="muted">
          Rules are judged on the live stream; a saved change applies from the next evaluation, and disabling a rule resolves its alerts.
        </span>
      </header>
      <TableState
        testId="rules"
        pending={rules.isPending}
        failure={rules.error && !rules.data ? serverErrorText(rules.error) : null}
        retry={() => void rules.refetch()}
        rows={rules.data}
        titles={{ loading: 'Loading rules…', failed: 'Could not load the alert rules', empty: 'No alert rules' }}
      >
        {(rows) => (
          <DataTable className="alerts-table rules-table" testId="rules-table" columns={COLUMNS}>
            {rows.map((r) => (
              <RuleRow key={r.id} rule={r} saving={saving === r.id} onSave={save} />
            ))}
          </DataTable>
        )}
      </TableState>
      <WebhookDeliveries />
    </div>
  );
}

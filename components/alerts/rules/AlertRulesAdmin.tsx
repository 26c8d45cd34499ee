'use client';
// /admin/alerts: every alert rule, editable in place (admins), filtered and sorted from the headers (both in the
// URL), and below it the recent webhook deliveries.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { UpdateAlertRuleInput } from '@/server/domain/alerts/rule-catalogue';
import { useTRPC, useTRPCClient } from '@/components/trpc/trpc-context';
import { isFiltered, nextSort } from '@/components/ui/list-query';
import { SortableTable, type SortColumn } from '@/components/ui/SortableTable';
import { useListState } from '@/components/ui/use-list-state';
import { TableState } from '@/components/ui/TableState';
import { RuleFilters } from './RuleFilters';
import { RULE_FILTERS, RULE_FIRST_DIR, RULE_LIST, RULE_SORTS, visibleRules } from './rule-list';
import { RuleRow } from './RuleRow';
import { serverErrorText } from './server-error';
import { WebhookDeliveries } from './WebhookDeliveries';
import '../alerts.css';

const COLUMNS: readonly SortColumn[] = [
  { label: 'Rule', sortKey: 'name' },
  { label: 'Enabled', sortKey: 'enabled' },
  { label: 'Severity', sortKey: 'severity' },
  { label: 'Threshold', title: 'In the unit shown; a second one makes the alert critical' },
  { label: 'Holds for', sortKey: 'forSec', title: 'The condition must hold this long (seconds) before the alert opens' },
  {
    label: 'Clears after',
    sortKey: 'clearSec',
    title: 'The condition must stay clear this long (seconds) before the alert resolves (against flapping)',
  },
  { label: 'Webhook', title: "Where this rule's notifications go besides ALERT_WEBHOOK_URL" },
  { label: 'Save', srOnly: true },
];

export function AlertRulesAdmin() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const rules = useQuery({ ...trpc.alertRules.list.queryOptions(), staleTime: 0 });
  const [saving, setSaving] = useState<string | null>(null);
  const [list, setList] = useListState(RULE_LIST);
  const shown = useMemo(() => (rules.data ? visibleRules(rules.data, list) : undefined), [rules.data, list]);
  const filtered = isFiltered(list, RULE_LIST, RULE_FILTERS);
  const onSort = (key: string) => setList(nextSort(list, key, RULE_FIRST_DIR[RULE_SORTS.find((k) => k === key) ?? 'name']));

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
      <RuleFilters value={list} onChange={setList} filtered={filtered} />
      <TableState
        testId="rules"
        pending={rules.isPending}
        failure={rules.error && !rules.data ? serverErrorText(rules.error) : null}
        retry={() => void rules.refetch()}
        rows={shown}
        titles={{
          loading: 'Loading rules…',
          failed: 'Could not load the alert rules',
          empty: filtered ? 'No rule matches the filters' : 'No alert rules',
        }}
      >
        {(rows) => (
          <SortableTable
            className="alerts-table rules-table"
            testId="rules-table"
            columns={COLUMNS}
            sort={list.sort}
            dir={list.dir === 'desc' ? 'desc' : 'asc'}
            onSort={onSort}
          >
            {rows.map((r) => (
              <RuleRow key={r.id} rule={r} saving={saving === r.id} onSave={save} />
            ))}
          </SortableTable>
        )}
      </TableState>
      <WebhookDeliveries />
    </div>
  );
}

'use client';
// The /alerts page: alerts by state with filters, live (socket changes merge into the list), each linking to its
// robot and trace; operators and admins acknowledge or resolve with a note. ?alert=<id> (a toast's link)
// highlights that alert; the state tab, the filters and the header sort live in the URL too
// (?state=&severity=&rule=&robot=&sort=&dir=), so a link or a reload shows the same list and Back undoes a change.
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';
import { NeedsRole } from '@/components/auth/Can';
import { useCan, useCapability } from '@/components/auth/use-me';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { nextSort } from '@/components/ui/list-query';
import { useListState } from '@/components/ui/use-list-state';
import { TableState } from '@/components/ui/TableState';
import { AlertActionDialog } from './AlertActionDialog';
import {
  ALERT_FIRST_DIR,
  ALERT_LIST,
  ALERT_SORTS,
  EMPTY_ALERT_FILTER,
  isAlertFiltered,
  sortAlerts,
  toAlertFilter,
} from './alert-filter-form';
import { AlertFilters } from './AlertFilters';
import { AlertTable } from './AlertTable';
import { LinkedAlertNote } from './LinkedAlertNote';
import { LIST_LIMIT, useAlertRows } from './use-alert-rows';
import { useAlertAction } from './use-alert-action';
import './alerts.css';

/** Rows drawn at most (a broker outage can open one alert per robot); filters narrow the rest. */
const MAX_SHOWN = 500;

export function AlertCenter() {
  const params = useSearchParams();
  const [form, setForm] = useListState(ALERT_LIST);
  const filter = useMemo(() => toAlertFilter(form), [form]);
  const { query, rows: merged } = useAlertRows(filter);
  const robots = useFleetStore((s) => s.robots);
  const serial = useCallback((id: number) => robots[id]?.serialNumber, [robots]);
  const rows = useMemo(() => sortAlerts(merged, form, serial), [merged, form, serial]);
  const onSort = (key: string) => {
    const first = ALERT_FIRST_DIR[ALERT_SORTS.find((s) => s === key) ?? 'title'];
    setForm(nextSort(form, key, first));
  };
  const selectedId = params.get('alert');
  const acting = useCapability('command');
  const canInspect = useCan('inspect');
  const action = useAlertAction();
  const connection = useFleetStore((s) => s.connection);

  // A toast's link: bring that alert into view once its row is there.
  const selectedShown = selectedId !== null && rows.some((a) => a.id === selectedId);
  useEffect(() => {
    if (selectedId && selectedShown)
      document.querySelector(`[data-alert-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'center' });
  }, [selectedId, selectedShown]);

  return (
    <section className="alert-center" aria-label="Alerts">
      <header className="alert-center-header">
        <h1>Alerts</h1>
        <span className={connection === 'live' ? 'muted' : 'warn'} role="status">
          {connection === 'live' ? 'Live: alerts open, change and resolve as they happen' : 'Reconnecting: alerts may be behind'}
        </span>
      </header>
      <AlertFilters value={form} onChange={setForm} />
      {selectedId && !selectedShown && !query.isPending ? (
        <LinkedAlertNote
          id={selectedId}
          onShowAll={() => setForm({ ...EMPTY_ALERT_FILTER, state: 'all', sort: form.sort, dir: form.dir })}
        />
      ) : null}
      {acting === 'no' ? <NeedsRole capability="command" what="Acknowledging and resolving alerts" plural /> : null}
      <div className="alert-scroll">
        <TableState
          testId="alerts"
          pending={query.isPending && rows.length === 0}
          failure={query.error && rows.length === 0 ? query.error.message : null}
          retry={() => void query.refetch()}
          rows={rows}
          titles={{
            loading: 'Loading alerts…',
            failed: 'Could not load the alerts',
            empty: isAlertFiltered(form) || form.state !== 'active' ? 'No alert matches' : 'No alert is open',
          }}
          emptyHint="Alerts open when a rule's condition holds for its duration (rules: Admin → Alert rules) and resolve by themselves when it clears."
        >
          {(shown) => (
            <>
              <AlertTable
                rows={shown.slice(0, MAX_SHOWN)}
                selectedId={selectedId}
                canAct={acting === 'yes'}
                canInspect={canInspect}
                onAction={action.open}
                sort={form.sort}
                dir={form.dir === 'desc' ? 'desc' : 'asc'}
                onSort={onSort}
              />
              <p className="muted alert-footnote">
                {shown.length > MAX_SHOWN ? `The first ${MAX_SHOWN} of ${shown.length} shown; filter to see the rest. ` : ''}
                {query.data && query.data.length >= LIST_LIMIT && (form.state === 'resolved' || form.state === 'all')
                  ? `The newest ${LIST_LIMIT} resolved alerts are loaded.`
                  : ''}
                {query.error ? <span className="bad"> Reloading failed: {query.error.message}</span> : null}
              </p>
            </>
          )}
        </TableState>
      </div>
      {action.pending ? (
        <AlertActionDialog
          alert={action.pending.alert}
          action={action.pending.action}
          busy={action.busy}
          error={action.error}
          onConfirm={(note) => void action.confirm(note)}
          onCancel={action.cancel}
        />
      ) : null}
    </section>
  );
}

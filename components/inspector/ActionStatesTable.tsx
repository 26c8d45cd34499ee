// actionStates of the latest valid state message: what the robot is doing or did for each action it was given.
// Three columns that fit the inspector's side column: the action (type, and its id shortened with the whole id as
// a tooltip), its status, and the result, which wraps.
import type { ActionStatus } from '@/server/domain/vda5050/messages';
import type { RecentMessage } from '@/server/ports/robot-protocol-reader';
import { DataTable } from '@/components/ui/DataTable';
import { readOrderSnapshot } from './state-payload';

const COLUMNS = [{ label: 'Action', title: 'actionType, and the actionId below it' }, 'Status', 'Result'];

const STATUS_CLASS: Record<ActionStatus, string> = {
  WAITING: 'muted',
  INITIALIZING: 'warn',
  RUNNING: 'accent',
  PAUSED: 'warn',
  RETRIABLE: 'warn',
  FINISHED: 'ok',
  FAILED: 'bad',
};

export function ActionStatesTable({ state }: { state: RecentMessage | null }) {
  const actions = state ? readOrderSnapshot(state.payload).actionStates : [];
  return (
    <section className="card" data-testid="action-states" aria-label="Action states">
      <h2>Action states</h2>
      {actions.length === 0 ? (
        <p className="muted">{state ? 'The robot reports no actions.' : 'No valid state message from this robot yet.'}</p>
      ) : (
        <DataTable className="data-table action-states-table" columns={COLUMNS}>
          {actions.map((a) => (
            <tr key={a.actionId} data-testid="action-state">
              <td>
                {a.actionType ?? '—'}
                <span className="mono muted action-id" title={a.actionId}>
                  {a.actionId}
                </span>
              </td>
              <td className={STATUS_CLASS[a.actionStatus]}>{a.actionStatus}</td>
              <td data-testid="action-result">{a.resultDescription ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

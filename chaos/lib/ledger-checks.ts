// The checks every process-level scenario makes of the command ledger once the fault is over: every accepted command
// is in the ledger and final, none ran twice, none succeeded without running, every executed instant action succeeded.
import type { CommandView } from '../../server/domain/commands/command';
import type { checkExecutions } from './command-driver';
import type { ScenarioKit } from './scenario-kit';

type Executions = ReturnType<typeof checkExecutions>;

export function executionFigures(ex: Executions | null) {
  return {
    executed: ex?.executed ?? 'n/a',
    executedTwice: ex?.executedTwice ?? 'n/a',
    succeededNotExecuted: ex?.succeededNotExecuted ?? 'n/a',
    executedNotSucceeded: ex?.executedNotSucceeded ?? 'n/a',
    goToAcceptedNotSucceeded: ex?.ordersNotSucceeded ?? 'n/a',
  };
}

export function checkLedgerSettled(
  k: ScenarioKit,
  r: { lost: { id?: string | null }[]; open: CommandView[]; boundMs: number; after: string; simReported: boolean; ex: Executions | null },
): void {
  const { lost, open, ex } = r;
  k.check(lost.length === 0, `${lost.length} accepted commands are missing from the ledger ${r.after} (e.g. ${lost[0]?.id})`);
  const firstOpen = open
    .slice(0, 3)
    .map((c) => `${c.type} ${c.status}`)
    .join(', ');
  k.check(open.length === 0, `${open.length} commands not final ${r.boundMs / 1000} s ${r.after}: ${firstOpen}`);
  k.check(r.simReported, 'the simulator did not report its executions');
  const details = ex?.details.slice(0, 3).join('; ');
  k.check(ex?.executedTwice === 0, `${ex?.executedTwice} executions beyond the commands issued (a command ran twice): ${details}`);
  k.check(ex?.succeededNotExecuted === 0, `${ex?.succeededNotExecuted} commands succeeded that no robot executed: ${details}`);
  k.check(
    ex?.executedNotSucceeded === 0,
    `${ex?.executedNotSucceeded} instant actions executed by the robot did not end succeeded: ${details}`,
  );
}

// The ledger's filter form state and its translation to commands.list input (pure).
import { COMMAND_STATUSES, FINAL_STATUSES, type CommandStatus, type CommandType } from '@/server/domain/commands/command';
import type { LedgerFilter } from '../command-merge';

export interface LedgerFilterForm {
  robot: string;
  /** A status, 'open' (any non-final) or 'final', or '' for any. */
  status: string;
  type: string;
  issuer: string;
}

export const EMPTY_FILTER: LedgerFilterForm = { robot: '', status: '', type: '', issuer: '' };

export const OPEN_STATUSES: CommandStatus[] = COMMAND_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

export function toLedgerFilter(f: LedgerFilterForm): LedgerFilter {
  const out: LedgerFilter = {};
  const robotId = Number(f.robot);
  if (f.robot && Number.isInteger(robotId) && robotId > 0) out.robotId = robotId;
  if (f.status === 'open') out.status = OPEN_STATUSES;
  else if (f.status === 'final') out.status = [...FINAL_STATUSES];
  else if ((COMMAND_STATUSES as readonly string[]).includes(f.status)) out.status = [f.status as CommandStatus];
  if (f.type) out.type = [f.type as CommandType];
  if (f.issuer.trim()) out.issuedBy = f.issuer.trim();
  return out;
}

export function isFiltered(f: LedgerFilterForm): boolean {
  return Object.values(f).some((v) => v.trim() !== '');
}

// The ledger's filter form state, its translation to commands.list input, and the page URL's query that holds it
// (so a reload, a shared link and the back button keep the filters) (pure).
import { COMMAND_STATUSES, COMMAND_TYPES, FINAL_STATUSES, type CommandStatus, type CommandType } from '@/server/domain/commands/command';
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

/** How far either side of a replayed moment (`/commands?at=`) the ledger looks. */
export const AROUND_MS = 5 * 60_000;

/** `?at=` as epoch ms (digits) or an ISO date-time; null when absent or not a time. */
export function parseAt(v: string | null): number | null {
  if (!v) return null;
  const ms = /^\d{1,16}$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** The window of commands around a moment. */
export function aroundMoment(at: number): { from: number; to: number } {
  return { from: at - AROUND_MS, to: at + AROUND_MS };
}

const KEYS = ['robot', 'status', 'type', 'issuer'] as const;

/** The filters a URL names; a value the form could not show is dropped. */
export function formFromParams(params: { get(k: string): string | null }): LedgerFilterForm {
  const out = { ...EMPTY_FILTER };
  for (const k of KEYS) out[k] = (params.get(k) ?? '').slice(0, 200);
  if (!/^\d{1,9}$/.test(out.robot)) out.robot = '';
  if (!['open', 'final', ...COMMAND_STATUSES].includes(out.status)) out.status = '';
  if (!(COMMAND_TYPES as readonly string[]).includes(out.type)) out.type = '';
  return out;
}

/** The URL query for the filters and the replayed moment (`at`, kept as given); '' when nothing is set. */
export function ledgerQuery(f: LedgerFilterForm, at: string | null): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (f[k].trim()) q.set(k, f[k]);
  if (at) q.set('at', at);
  return q.toString();
}

// The ledger's columns and which of them fit (pure). On a narrow table (a 1024-px screen, or the history drawer
// open beside it) the columns the drawer repeats give way first, so Status, Outcome and Cancel always stay in view.
import type { Column } from '@/components/ui/DataTable';
import { ACTIONS_COLUMN } from '@/components/ui/DataTable';

export type LedgerColumn =
  | 'issued'
  | 'robot'
  | 'command'
  | 'params'
  | 'status'
  | 'dispatched'
  | 'acknowledged'
  | 'done'
  | 'issuer'
  | 'attempts'
  | 'outcome'
  | 'actions';

export type LedgerLayout = 'wide' | 'medium' | 'narrow';

const ALL: readonly LedgerColumn[] = [
  'issued',
  'robot',
  'command',
  'params',
  'status',
  'dispatched',
  'acknowledged',
  'done',
  'issuer',
  'attempts',
  'outcome',
  'actions',
];

/** Left out per layout; each is in the command's history drawer. */
const HIDDEN: Record<LedgerLayout, readonly LedgerColumn[]> = {
  wide: [],
  medium: ['params', 'attempts'],
  narrow: ['params', 'attempts', 'issuer', 'dispatched', 'acknowledged'],
};

/** The table's width in CSS pixels below which a layout is used: measured with the app at 1024, 1280 and 1920 px,
 *  with and without the drawer (1024 px: medium; 1280 px with the drawer: narrow). */
export const LAYOUT_BELOW: Record<Exclude<LedgerLayout, 'wide'>, number> = { medium: 1180, narrow: 960 };

export function layoutFor(width: number): LedgerLayout {
  if (width <= 0) return 'wide';
  return width < LAYOUT_BELOW.narrow ? 'narrow' : width < LAYOUT_BELOW.medium ? 'medium' : 'wide';
}

const SHOWN: Record<LedgerLayout, ReadonlySet<LedgerColumn>> = {
  wide: new Set(ALL),
  medium: new Set(ALL.filter((c) => !HIDDEN.medium.includes(c))),
  narrow: new Set(ALL.filter((c) => !HIDDEN.narrow.includes(c))),
};

/** The columns shown in a layout (one Set per layout, so memoised rows see the same object). */
export const shownColumns = (l: LedgerLayout): ReadonlySet<LedgerColumn> => SHOWN[l];

const AFTER = 'after issued';

export function columnHeads(shown: ReadonlySet<LedgerColumn>, zone: string): (string | Column)[] {
  const heads: Record<LedgerColumn, string | Column> = {
    issued: { label: `Issued (${zone})`, title: `Date and time the command was issued, in this browser's time zone (${zone})` },
    robot: 'Robot',
    command: 'Command',
    params: 'Parameters',
    status: 'Status',
    dispatched: { label: `Dispatched, ${AFTER}`, title: 'Time from issue until it was sent to the robot over MQTT' },
    acknowledged: { label: `Acknowledged, ${AFTER}`, title: 'Time from issue until the robot reported it (state or action status)' },
    done: { label: `Done, ${AFTER}`, title: 'Time from issue until its final status' },
    issuer: 'Issuer',
    attempts: { label: 'Sends', title: 'MQTT messages sent for it (first send and resends)' },
    outcome: 'Outcome',
    actions: ACTIONS_COLUMN,
  };
  return ALL.filter((c) => shown.has(c)).map((c) => heads[c]);
}

/** What a layout leaves out, for a note above the table; null when nothing is. */
export function hiddenNote(l: LedgerLayout): string | null {
  const names: Partial<Record<LedgerColumn, string>> = {
    params: 'parameters',
    attempts: 'sends',
    issuer: 'issuer',
    dispatched: 'dispatch and acknowledgement times',
  };
  const hidden = HIDDEN[l].map((c) => names[c]).filter((n): n is string => n !== undefined);
  if (hidden.length === 0) return null;
  const list = hidden.length === 1 ? hidden[0] : `${hidden.slice(0, -1).join(', ')} and ${hidden.at(-1)}`;
  return `Too narrow for every column: ${list} are in each command's history (select a row).`;
}

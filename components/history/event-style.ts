// How a timeline shows each event category: a colour, a one-character icon (text, so it needs no icon font) and a
// label for the legend. Shared by the robot's event timeline and the "why did it stop?" view.
import type { HistoryEventCategory, HistoryEventLevel } from '@/server/domain/history/history-event';

export interface CategoryStyle {
  label: string;
  color: string;
  icon: string;
}

export const CATEGORY_STYLE: Record<HistoryEventCategory, CategoryStyle> = {
  command: { label: 'Command', color: '#3fb6ff', icon: '⌘' },
  error: { label: 'Error', color: '#ff5a5f', icon: '!' },
  connection: { label: 'Connection', color: '#b08cff', icon: '⇄' },
  status: { label: 'Status', color: '#9aa7b8', icon: '●' },
  order: { label: 'Order', color: '#46d37e', icon: '▶' },
  action: { label: 'Action', color: '#2fd1c5', icon: '◆' },
  battery: { label: 'Battery', color: '#c8e05a', icon: '⚡' },
  fault: { label: 'Injected fault', color: '#ff8c42', icon: '✱' },
  protocol: { label: 'Protocol', color: '#f5b83d', icon: '§' },
  alert: { label: 'Alert', color: '#ff6fae', icon: '▲' },
  zone: { label: 'Zone request', color: '#7dd3fc', icon: '▣' },
};

export const CATEGORY_ORDER = Object.keys(CATEGORY_STYLE) as HistoryEventCategory[];

export const LEVEL_CLASS: Record<HistoryEventLevel, string> = { info: '', warning: 'warn', error: 'bad' };

'use client';
// Tab strip of the robot page (WAI-ARIA tabs: buttons with aria-selected; Left/Right/Home/End move between them).
import { useRef, type KeyboardEvent } from 'react';

export type DetailTab = 'live' | 'history' | 'zones' | 'protocol';

const TABS: { id: DetailTab; label: string; testId: string }[] = [
  { id: 'live', label: 'Live', testId: 'live-tab' },
  { id: 'history', label: 'History', testId: 'history-tab' },
  { id: 'zones', label: 'Zones', testId: 'zones-tab' },
  { id: 'protocol', label: 'Protocol inspector', testId: 'inspector-tab' },
];

export const tabPanelId = (tab: DetailTab) => `robot-tabpanel-${tab}`;
const tabId = (tab: DetailTab) => `robot-tab-${tab}`;

export function DetailTabs({ tab, onChange }: { tab: DetailTab; onChange(tab: DetailTab): void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const n = TABS.length;
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % n
        : e.key === 'ArrowLeft'
          ? (i - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : null;
    const next = to === null ? undefined : TABS[to];
    if (!next || to === null) return;
    e.preventDefault();
    onChange(next.id);
    refs.current[to]?.focus();
  };
  return (
    <div role="tablist" aria-label="Robot views" className="tabs">
      {TABS.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={tabId(t.id)}
          aria-selected={tab === t.id}
          aria-controls={tabPanelId(t.id)}
          tabIndex={tab === t.id ? 0 : -1}
          data-testid={t.testId}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function tabLabelledBy(tab: DetailTab): string {
  return tabId(tab);
}

'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { setPaletteOpen } from '@/components/commands/command-flow-store';
import { StopAllButton } from '@/components/commands/StopAllButton';
import { ConnectionIndicator } from './ConnectionIndicator';

const LINKS = [
  { href: '/', label: 'Fleet' },
  { href: '/commands', label: 'Commands' },
  { href: '/flow', label: 'Data flow' },
] as const;

export function NavBar() {
  const path = usePathname();
  return (
    <header className="navbar">
      <Link href="/" className="brand">
        FleetScope
      </Link>
      <nav aria-label="Main">
        {LINKS.map((l) => {
          const active = l.href === '/' ? path === '/' || path.startsWith('/robots') : path.startsWith(l.href);
          return (
            <Link key={l.href} href={l.href} className={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
              {l.label}
            </Link>
          );
        })}
      </nav>
      <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K" title="Command palette">
        Run command… <kbd>Ctrl K</kbd>
      </button>
      <StopAllButton />
      <ConnectionIndicator />
    </header>
  );
}

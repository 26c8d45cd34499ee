'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCan } from '@/components/auth/use-me';
import { UserMenu } from '@/components/auth/UserMenu';
import { setPaletteOpen } from '@/components/commands/command-flow-store';
import { StopAllButton } from '@/components/commands/StopAllButton';
import { ConnectionIndicator } from './ConnectionIndicator';

const LINKS = [
  { href: '/', label: 'Fleet' },
  { href: '/commands', label: 'Commands' },
  { href: '/flow', label: 'Data flow' },
] as const;

const ADMIN_LINK = { href: '/admin/users', label: 'Admin', section: '/admin' } as const;

export function NavBar() {
  const path = usePathname();
  const canCommand = useCan('command');
  const isAdmin = useCan('administer');
  const links: { href: string; label: string; section?: string }[] = isAdmin ? [...LINKS, ADMIN_LINK] : [...LINKS];
  return (
    <header className="navbar">
      <Link href="/" className="brand">
        FleetScope
      </Link>
      <nav aria-label="Main">
        {links.map((l) => {
          const active = l.href === '/' ? path === '/' || path.startsWith('/robots') : path.startsWith(l.section ?? l.href);
          return (
            <Link key={l.href} href={l.href} className={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
              {l.label}
            </Link>
          );
        })}
      </nav>
      {canCommand ? (
        <>
          <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K" title="Command palette">
            Run command… <kbd>Ctrl K</kbd>
          </button>
          <StopAllButton />
        </>
      ) : null}
      <ConnectionIndicator />
      <UserMenu />
    </header>
  );
}

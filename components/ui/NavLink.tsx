'use client';
// A link of a nav bar or tab strip that marks itself current while the page is in one of its sections (by
// default its own href and everything below it; '/' matches the home page only). With an icon, a narrow bar may
// show the icon alone (app/globals.css): the label then stays readable to screen readers and as a tooltip.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

interface Props {
  href: string;
  sections?: readonly string[];
  icon?: ReactNode;
  children: ReactNode;
}

export function NavLink({ href, sections, icon, children }: Props) {
  const path = usePathname();
  const active = (sections ?? [href]).some((s) => (s === '/' ? path === '/' : path.startsWith(s)));
  return (
    <Link
      href={href}
      className={active ? 'active' : undefined}
      aria-current={active ? 'page' : undefined}
      title={icon && typeof children === 'string' ? children : undefined}
    >
      {icon ? (
        <>
          <span className="nav-icon">{icon}</span>
          <span className="nav-label">{children}</span>
        </>
      ) : (
        children
      )}
    </Link>
  );
}

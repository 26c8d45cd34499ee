'use client';
// A link of a nav bar or tab strip that marks itself current while the page is in one of its sections (by
// default its own href and everything below it; '/' matches the home page only).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

export function NavLink({ href, sections, children }: { href: string; sections?: readonly string[]; children: ReactNode }) {
  const path = usePathname();
  const active = (sections ?? [href]).some((s) => (s === '/' ? path === '/' : path.startsWith(s)));
  return (
    <Link href={href} className={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

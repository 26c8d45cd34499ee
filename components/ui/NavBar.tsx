'use client';
// The top bar: the brand (a link home), the main links (NavLink), and the app's controls on the right.
import Link from 'next/link';
import type { ReactNode } from 'react';

export function NavBar({ brand, links, children }: { brand: string; links: ReactNode; children?: ReactNode }) {
  return (
    <header className="navbar">
      <Link href="/" className="brand">
        {brand}
      </Link>
      <nav aria-label="Main">{links}</nav>
      {children}
    </header>
  );
}

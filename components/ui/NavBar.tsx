'use client';
// The top bar, always one row: the brand (a link home), the main links (NavLink), and the app's controls on the
// right. When the window is narrow the links shrink to icons and the user's name is shortened (app/globals.css).
import Link from 'next/link';
import type { ReactNode } from 'react';

export function NavBar({ brand, links, children }: { brand: string; links: ReactNode; children?: ReactNode }) {
  return (
    <header className="navbar" data-testid="navbar">
      <Link href="/" className="brand">
        {brand}
      </Link>
      <nav aria-label="Main">{links}</nav>
      <div className="navbar-tools">{children}</div>
    </header>
  );
}

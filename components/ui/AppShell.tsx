'use client';
// The page frame: a bar on top, the page below it, and overlays (dialogs, toasts) over both. Pages under a bare
// path (the login page) get the frame alone: no bar and no overlays, so nothing that needs a session mounts there.
// What goes in the bar and the overlays is the app layout's choice (app/layout.tsx): the kit knows no feature.
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

const isUnder = (path: string | null, prefix: string) => path === prefix || (path?.startsWith(`${prefix}/`) ?? false);

interface Props {
  bar: ReactNode;
  overlays?: ReactNode;
  barePaths?: readonly string[];
  children: ReactNode;
}

export function AppShell({ bar, overlays = null, barePaths = [], children }: Props) {
  const path = usePathname();
  if (barePaths.some((p) => isUnder(path, p))) return <div className="shell shell-bare">{children}</div>;
  return (
    <>
      <div className="shell">
        {bar}
        <main className="shell-main">{children}</main>
      </div>
      {overlays}
    </>
  );
}

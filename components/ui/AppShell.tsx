'use client';
// Providers and chrome shared by every page: tRPC/react-query, the live fleet socket, the nav bar, and the
// command hosts (target picker / confirmation, palette, toasts) that every page shares. /login gets only the
// query provider: no nav, no live socket (it would be refused without a session).
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useCan } from '@/components/auth/use-me';
import { CommandFlowHost } from '@/components/commands/CommandFlowHost';
import { CommandPaletteHost } from '@/components/commands/CommandPalette';
import { Toasts } from '@/components/commands/Toasts';
import { FleetLiveProvider } from '@/components/realtime/FleetLiveProvider';
import { TrpcQueryProvider } from '@/components/trpc/TrpcQueryProvider';
import { NavBar } from './NavBar';

const isLoginPath = (path: string | null) => path === '/login' || (path?.startsWith('/login/') ?? false);

export function AppShell({ children }: { children: ReactNode }) {
  const path = usePathname();
  return <TrpcQueryProvider>{isLoginPath(path) ? <div className="shell shell-bare">{children}</div> : <SignedInShell>{children}</SignedInShell>}</TrpcQueryProvider>;
}

function SignedInShell({ children }: { children: ReactNode }) {
  const canCommand = useCan('command');
  return (
    <FleetLiveProvider>
      <div className="shell">
        <NavBar />
        <main className="shell-main">{children}</main>
      </div>
      {canCommand ? (
        <>
          <CommandFlowHost />
          <CommandPaletteHost />
        </>
      ) : null}
      <Toasts />
    </FleetLiveProvider>
  );
}

'use client';
// Providers and chrome shared by every page: tRPC/react-query, the live fleet socket, the nav bar, and the
// command hosts (target picker / confirmation, palette, toasts) that every page shares.
import type { ReactNode } from 'react';
import { CommandFlowHost } from '@/components/commands/CommandFlowHost';
import { CommandPaletteHost } from '@/components/commands/CommandPalette';
import { Toasts } from '@/components/commands/Toasts';
import { FleetLiveProvider } from '@/components/realtime/FleetLiveProvider';
import { TrpcQueryProvider } from '@/components/trpc/TrpcQueryProvider';
import { NavBar } from './NavBar';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <TrpcQueryProvider>
      <FleetLiveProvider>
        <div className="shell">
          <NavBar />
          <main className="shell-main">{children}</main>
        </div>
        <CommandFlowHost />
        <CommandPaletteHost />
        <Toasts />
      </FleetLiveProvider>
    </TrpcQueryProvider>
  );
}

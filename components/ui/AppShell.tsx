'use client';
// Providers and chrome shared by every page: tRPC/react-query, the live fleet socket, the nav bar.
import type { ReactNode } from 'react';
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
      </FleetLiveProvider>
    </TrpcQueryProvider>
  );
}

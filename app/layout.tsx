import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AlertBell } from '@/components/alerts';
import { Can } from '@/components/auth/Can';
import { UserMenu } from '@/components/auth/UserMenu';
import { CommandFlowHost } from '@/components/commands/CommandFlowHost';
import { CommandPaletteHost } from '@/components/commands/CommandPalette';
import { PaletteButton } from '@/components/commands/PaletteButton';
import { StopAllButton } from '@/components/commands/StopAllButton';
import { ConnectionIndicator } from '@/components/realtime/ConnectionIndicator';
import { FleetLiveSocket } from '@/components/realtime/FleetLiveSocket';
import { TrpcQueryProvider } from '@/components/trpc/TrpcQueryProvider';
import { AppShell } from '@/components/ui/AppShell';
import { NavBar } from '@/components/ui/NavBar';
import { NavLink } from '@/components/ui/NavLink';
import { Toasts } from '@/components/ui/Toasts';
import './globals.css';

export const metadata: Metadata = {
  title: 'FleetScope — warehouse fleet observability',
  description: 'Live 3D view, commands and data flow of a warehouse robot fleet',
};

// Rendered per request: each page carries the CSP nonce of its response (server/adapters/http/security-headers.ts).
export const dynamic = 'force-dynamic';

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#0a0e13' };

// The chrome every signed-in page shares. The app layout composes the features into the kit's frame, so that
// the kit (components/ui) imports no feature. Controls a role may not use are not rendered (the server refuses
// them anyway).
const bar = (
  <NavBar
    brand="FleetScope"
    links={
      <>
        <NavLink href="/" sections={['/', '/robots']}>
          Fleet
        </NavLink>
        <NavLink href="/commands">Commands</NavLink>
        <NavLink href="/flow">Data flow</NavLink>
        <Can capability="administer">
          <NavLink href="/admin/users" sections={['/admin']}>
            Admin
          </NavLink>
        </Can>
      </>
    }
  >
    <Can capability="command">
      <PaletteButton />
      <StopAllButton />
    </Can>
    <AlertBell />
    <ConnectionIndicator />
    <UserMenu />
  </NavBar>
);

// Command hosts (target picker / confirmation, palette) and toasts over every page; the live-fleet socket last,
// so that it opens after the page has mounted. /login gets none of this: without a session the socket is refused.
const overlays = (
  <>
    <Can capability="command">
      <CommandFlowHost />
      <CommandPaletteHost />
    </Can>
    <Toasts />
    <FleetLiveSocket />
  </>
);

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcQueryProvider>
          <AppShell bar={bar} overlays={overlays} barePaths={['/login']}>
            {children}
          </AppShell>
        </TrpcQueryProvider>
      </body>
    </html>
  );
}

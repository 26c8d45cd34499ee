import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
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
import { FlowIcon, GridIcon, ShieldIcon, TerminalIcon, ZoneIcon } from '@/components/ui/icons';
import { NavBar } from '@/components/ui/NavBar';
import { NavLink } from '@/components/ui/NavLink';
import { THEME_SCRIPT } from '@/components/ui/theme';
import { ThemeToggle } from '@/components/ui/ThemeToggle';
import { Toasts } from '@/components/ui/Toasts';
import './globals.css';

export const metadata: Metadata = {
  title: 'FleetScope — warehouse fleet observability',
  description: 'Live 3D view, commands and data flow of a warehouse robot fleet',
};

// Rendered per request: each page carries the CSP nonce of its response (server/adapters/http/security-headers.ts).
export const dynamic = 'force-dynamic';

// Both themes (app/globals.css); the browser's own colour (tab strip on mobile) follows the system's setting.
export const viewport: Viewport = {
  colorScheme: 'dark light',
  themeColor: [
    { media: '(prefers-color-scheme: dark)', color: '#0a0e13' },
    { media: '(prefers-color-scheme: light)', color: '#f3f5f8' },
  ],
};

/** The nonce of this response's Content-Security-Policy (set by the server on the request, see above). */
async function scriptNonce(): Promise<string | undefined> {
  const csp = (await headers()).get('content-security-policy') ?? '';
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

// The chrome every signed-in page shares. The app layout composes the features into the kit's frame, so that
// the kit (components/ui) imports no feature. Controls a role may not use are not rendered (the server refuses
// them anyway).
const bar = (
  <NavBar
    brand="FleetScope"
    links={
      <>
        <NavLink href="/" sections={['/', '/robots']} icon={<GridIcon />}>
          Fleet
        </NavLink>
        <NavLink href="/zones" icon={<ZoneIcon />}>
          Zones
        </NavLink>
        <NavLink href="/commands" icon={<TerminalIcon />}>
          Commands
        </NavLink>
        <NavLink href="/flow" icon={<FlowIcon />}>
          Data flow
        </NavLink>
        <Can capability="administer">
          <NavLink href="/admin/users" sections={['/admin']} icon={<ShieldIcon />}>
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
    <ThemeToggle />
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

// The theme script runs before the first paint (so a light page never flashes dark) and sets data-theme on
// <html>, which React did not render: hence suppressHydrationWarning there. Browsers hide a script's nonce from
// the DOM after loading it, so hydration sees an empty nonce on the script: suppressed too.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = await scriptNonce();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours (components/ui/theme.ts), no user input. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
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

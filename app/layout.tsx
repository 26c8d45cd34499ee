import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/ui/AppShell';
import './globals.css';

export const metadata: Metadata = {
  title: 'FleetScope — warehouse fleet observability',
  description: 'Live 3D view, commands and data flow of a warehouse robot fleet',
};

// Rendered per request: each page carries the CSP nonce of its response (server/adapters/http/security-headers.ts).
export const dynamic = 'force-dynamic';

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#0a0e13' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppShell>{children}</AppShell>
      </body>
    </html>
  );
}

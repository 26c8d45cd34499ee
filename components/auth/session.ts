'use client';
// Leaving the session: signing out, and being sent to the login page when the server ended the session.
// Both do a full page load, so no store of the previous user (fleet, commands, queries) survives.
import { loginUrl } from './safe-next';

let leaving = false;

export async function signOut(): Promise<void> {
  // The server revokes the session and tells this page's socket at once (auth:revoked), often before the logout
  // answer arrives: the user chose to leave, so that must not turn into "your session ended".
  leaving = true;
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
  } catch {
    // The server is unreachable: the cookie stays, but the login page is still the right place to land.
  }
  window.location.assign(loginUrl(null, 'signed-out'));
}

/** The session was revoked, expired or the user disabled: back to /login, then here again after signing in. */
export function sessionEnded(): void {
  if (leaving || typeof window === 'undefined') return;
  leaving = true;
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  window.location.assign(loginUrl(here, 'session-ended'));
}

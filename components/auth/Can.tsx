'use client';
// Role gates for the UI: <Can capability="command">…</Can> renders its children only for roles that have it;
// <NeedsRole> is the short note shown instead where hiding alone would leave a confusing gap.
import type { ReactNode } from 'react';
import type { Capability } from '@/server/domain/identity/roles';
import { useCapability, useMe } from './use-me';
import './auth.css';

/** Roles that grant each capability, as the note reads ("needs the architect role"). */
const WHO: Record<Capability, string> = {
  view: 'a signed-in',
  command: 'the operator',
  inspect: 'the architect',
  injectFaults: 'the operator or architect',
  administer: 'the admin',
};

export function Can({ capability, children, fallback = null }: { capability: Capability; children: ReactNode; fallback?: ReactNode }) {
  const has = useCapability(capability);
  if (has === 'unknown') return null;
  return <>{has === 'yes' ? children : fallback}</>;
}

/** "<what> needs the architect role (you are signed in as viewer)." */
export function NeedsRole({
  capability,
  what,
  plural = false,
  className,
}: {
  capability: Capability;
  what: string;
  plural?: boolean;
  className?: string;
}) {
  const { me } = useMe();
  return (
    <p className={`needs-role ${className ?? ''}`} data-testid="needs-role" data-capability={capability}>
      {what} {plural ? 'need' : 'needs'} {WHO[capability]} role
      {me ? <span className="muted"> (you are signed in as {me.role})</span> : null}.
    </p>
  );
}

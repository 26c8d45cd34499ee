'use client';
// The signed-in user in the nav bar: name (shortened with an ellipsis when long; name and email on hover), role,
// and Sign out.
import { useState } from 'react';
import { signOut } from './session';
import { useMe } from './use-me';
import './auth.css';

export function UserMenu() {
  const { me, loading } = useMe();
  const [leaving, setLeaving] = useState(false);
  if (loading) return <span className="user-menu muted" aria-busy="true" />;
  if (!me) return null;
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-who" title={me.name ? `${me.name} (${me.email})` : me.email}>
        <span className="user-name" data-testid="user-name">
          {me.name || me.email}
        </span>
        <span className="user-email sr-only">{me.email}</span>
        <span className={`role-badge role-${me.role}`} data-testid="user-role">
          {me.role}
        </span>
      </span>
      <button
        type="button"
        className="small-button"
        data-testid="sign-out"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void signOut();
        }}
      >
        {leaving ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}

'use client';
// The frame of every /admin page: a tab strip (users, robot credentials, audit log, alert rules) for administrators, and a
// clear "administrators only" message for everyone else (the server refuses their requests anyway).
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useMe } from '@/components/auth/use-me';
import { NavLink } from '@/components/ui/NavLink';
import { StateMessage } from '@/components/ui/StateMessage';
import './admin.css';

const TABS = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/credentials', label: 'Robot credentials' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/alerts', label: 'Alert rules' },
] as const;

export function AdminFrame({ children }: { children: ReactNode }) {
  const { me, loading, error } = useMe();
  if (loading) return <StateMessage title="Checking your access…" busy testId="admin-loading" />;
  if (error && !me) {
    return (
      <StateMessage title="Could not check your access" testId="admin-error">
        {error}
      </StateMessage>
    );
  }
  if (!me?.capabilities.includes('administer')) {
    return (
      <StateMessage title="Administrators only" testId="admin-only">
        <p>
          Users, robot credentials, the audit log and alert rules are managed by administrators.
          {me ? (
            <>
              {' '}
              You are signed in as <strong>{me.email}</strong> with the <strong>{me.role}</strong> role.
            </>
          ) : null}{' '}
          Ask an administrator if you need access.
        </p>
        <p>
          <Link href="/">← Back to the fleet</Link>
        </p>
      </StateMessage>
    );
  }
  return (
    <div className="admin">
      <nav className="admin-tabs" aria-label="Administration">
        {TABS.map((t) => (
          <NavLink key={t.href} href={t.href}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <div className="admin-body">{children}</div>
    </div>
  );
}

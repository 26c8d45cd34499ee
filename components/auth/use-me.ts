'use client';
// Who is signed in (tRPC auth.me) and what their role may do. The server enforces every capability; the UI
// only hides what the role may not do. `auth:changed` on the live socket invalidates this query.
import { useQuery } from '@tanstack/react-query';
import type { Capability, Role } from '@/server/domain/identity/roles';
import { useTRPC } from '@/components/trpc/trpc-context';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  capabilities: Capability[];
}

export function useMe(): { me: Me | null; loading: boolean; error: string | null } {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000, retry: 1 });
  return { me: q.data ?? null, loading: q.isPending, error: q.error?.message ?? null };
}

/** True when the signed-in user's role has the capability; false while loading or signed out. */
export function useCan(capability: Capability): boolean {
  return useMe().me?.capabilities.includes(capability) ?? false;
}

/** 'yes' | 'no', or 'unknown' while auth.me loads (so a "needs a role" note does not flash). */
export function useCapability(capability: Capability): 'yes' | 'no' | 'unknown' {
  const { me, loading } = useMe();
  if (loading) return 'unknown';
  return me?.capabilities.includes(capability) ? 'yes' : 'no';
}

// What the admin pages read and write, inferred from the tRPC router so they follow the server's shapes.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

type Out = inferRouterOutputs<AppRouter>;
type In = inferRouterInputs<AppRouter>;

export type UserRowView = Out['users']['list'][number];
export type CredentialRowView = Out['credentials']['list'][number];
export type AuditRowView = Out['audit']['list']['items'][number];
export type AuditListInput = In['audit']['list'];

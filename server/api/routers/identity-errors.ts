// Identity refusals to tRPC codes, in one place.
import { TRPCError } from '@trpc/server';
import {
  CredentialExistsError,
  CredentialNotFoundError,
  IdentityError,
  LastAdminError,
  UserExistsError,
  UserNotFoundError,
} from '../../domain/identity/identity-errors';
import type { Context } from '../trpc';

export function identityOf(ctx: Context) {
  const identity = ctx.runtime.identity;
  if (!identity) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'identity is not running in this process' });
  return identity;
}

export async function mappedIdentity<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof IdentityError)) throw e;
    const code =
      e instanceof UserExistsError || e instanceof CredentialExistsError || e instanceof LastAdminError
        ? 'CONFLICT'
        : e instanceof UserNotFoundError || e instanceof CredentialNotFoundError
          ? 'NOT_FOUND'
          : 'BAD_REQUEST';
    throw new TRPCError({ code, message: e.message, cause: e });
  }
}

// Records a mutation in the audit log with who did it, from where and how it ended: ok, or failed with the reason
// (thrown, or a result the service answered with a refusal, such as a command recorded as rejected).
import type { AuditAction } from '../domain/identity/audit';
import type { Principal } from '../domain/identity/roles';
import type { Context } from './trpc';

export async function audited<T>(
  ctx: Context & { principal: Principal },
  action: AuditAction,
  target: string | null,
  run: () => Promise<T> | T,
  detail?: (result: T) => Record<string, unknown>,
  input?: Record<string, unknown>,
  /** Why a returned result is a refusal (null: it is not), e.g. a command the ledger recorded as rejected. */
  refusedBecause?: (result: T) => string | null,
): Promise<T> {
  const who = { actorId: ctx.principal.userId, actor: ctx.principal.email, address: ctx.address, action, target };
  try {
    const result = await run();
    const refused = refusedBecause?.(result) ?? null;
    ctx.runtime.audit?.record({
      ...who,
      outcome: refused === null ? 'ok' : 'failed',
      detail: { ...input, ...detail?.(result), ...(refused !== null && { error: refused }) },
    });
    return result;
  } catch (e) {
    ctx.runtime.audit?.record({ ...who, outcome: 'failed', detail: { ...input, error: (e as Error).message } });
    throw e;
  }
}

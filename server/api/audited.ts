// Records a mutation in the audit log with who did it, from where and how it ended (ok, or failed with the reason).
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
): Promise<T> {
  const who = { actorId: ctx.principal.userId, actor: ctx.principal.email, address: ctx.address, action, target };
  try {
    const result = await run();
    ctx.runtime.audit?.record({ ...who, outcome: 'ok', detail: { ...input, ...detail?.(result) } });
    return result;
  } catch (e) {
    ctx.runtime.audit?.record({ ...who, outcome: 'failed', detail: { ...input, error: (e as Error).message } });
    throw e;
  }
}

// audit.list: the audit log, newest first, filtered and paginated (admin). The CSV export is GET /api/audit.csv.
import { TRPCError } from '@trpc/server';
import { listAuditInput } from '../../domain/identity/audit';
import { adminProcedure, createTRPCRouter, type Context } from '../trpc';

function trail(ctx: Context) {
  const a = ctx.runtime.audit;
  if (!a) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the audit log is not running in this process' });
  return a;
}

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditInput).query(({ ctx, input }) => trail(ctx).list(input)),
});

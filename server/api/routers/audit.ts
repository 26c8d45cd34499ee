// audit.list: the audit log, newest first, filtered and paginated (admin). The CSV export is GET /api/audit.csv.
import { listAuditInput } from '../../domain/identity/audit';
import { adminProcedure, createTRPCRouter } from '../trpc';

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditInput).query(({ ctx, input }) => ctx.runtime.audit.list(input)),
});

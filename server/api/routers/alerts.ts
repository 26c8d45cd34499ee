// alerts.* and alertRules.*: thin. Reading is for every signed-in user; acknowledging and resolving for operators
// and up, as the signed-in user, audited; changing rules and reading webhook deliveries for admins.
import { z } from 'zod';
import { alertActionInput, listAlertsInput } from '../../domain/alerts/alert';
import { updateAlertRuleInput } from '../../domain/alerts/rule-catalogue';
import type { Principal } from '../../domain/identity/roles';
import type { AlertActor } from '../../ports/alert-center';
import { audited } from '../audited';
import { adminProcedure, createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc';

const actor = (p: Principal): AlertActor => ({ name: p.email });

export const alertsRouter = createTRPCRouter({
  list: viewerProcedure.input(listAlertsInput).query(({ ctx, input }) => ctx.runtime.alerts.list(input)),
  counts: viewerProcedure.query(({ ctx }) => ctx.runtime.alerts.counts()),
  byId: viewerProcedure.input(alertActionInput.pick({ id: true })).query(({ ctx, input }) => ctx.runtime.alerts.byId(input.id)),
  acknowledge: operatorProcedure.input(alertActionInput).mutation(({ ctx, input }) =>
    audited(
      ctx,
      'alert.acknowledge',
      `alert ${input.id}`,
      () => ctx.runtime.alerts.acknowledge(input, actor(ctx.principal)),
      (a) => ({ ruleId: a.ruleId, subject: a.subject, title: a.title }),
      { note: input.note ?? null },
    ),
  ),
  resolve: operatorProcedure.input(alertActionInput).mutation(({ ctx, input }) =>
    audited(
      ctx,
      'alert.resolve',
      `alert ${input.id}`,
      () => ctx.runtime.alerts.resolve(input, actor(ctx.principal)),
      (a) => ({ ruleId: a.ruleId, subject: a.subject, title: a.title }),
      { note: input.note ?? null },
    ),
  ),
});

export const alertRulesRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => ctx.runtime.alerts.rules()),
  update: adminProcedure.input(updateAlertRuleInput).mutation(({ ctx, input }) =>
    audited(
      ctx,
      'alertRule.update',
      input.id,
      () => ctx.runtime.alerts.updateRule(input, actor(ctx.principal)),
      () => ({}),
      { ...input },
    ),
  ),
  deliveries: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .query(({ ctx, input }) => ctx.runtime.alerts.deliveries(input.limit)),
});

// Who may do what: one table, read by the tRPC procedure tiers, the Socket.IO event guard and the UI.
import { z } from 'zod';

export const ROLES = ['viewer', 'operator', 'architect', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * - `view`: the live fleet, map, command ledger and data-flow graph (every role).
 * - `command`: issue, stop-all and cancel commands (operator, admin).
 * - `inspect`: trace detail, message samples and protocol inspector payloads (architect, admin).
 * - `injectFaults`: fault injection into the simulated fleet (operator, architect, admin: QA works as either).
 * - `administer`: users, robot credentials, audit log (admin).
 */
export const CAPABILITIES = ['view', 'command', 'inspect', 'injectFaults', 'administer'] as const;
export type Capability = (typeof CAPABILITIES)[number];

const GRANTS: Record<Role, readonly Capability[]> = {
  viewer: ['view'],
  operator: ['view', 'command', 'injectFaults'],
  architect: ['view', 'inspect', 'injectFaults'],
  admin: CAPABILITIES,
};

export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

export function capabilitiesOf(role: Role): Capability[] {
  return [...GRANTS[role]];
}

/** The signed-in person a request or socket acts for. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

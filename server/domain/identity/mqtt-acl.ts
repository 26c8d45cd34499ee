// Who may do what on the MQTT broker. Topics follow VDA 5050: `<interface>/v2/<manufacturer>/<serialNumber>/<topic>`.
// A robot credential covers one robot (manufacturer + serial) or every robot of a manufacturer (serial null). A
// robot publishes only its own state, visualization, connection and factsheet and subscribes only to its own order
// and instantActions, always on concrete topics (no wildcards, not even with a manufacturer-wide credential). The
// app's own client (master control) may do anything. Only the version levels the app speaks are accepted: `v2`
// (VDA 5050 2.0.0 and 2.1.0) and `v3` (3.0.0, where a robot also subscribes to its zoneSet and responses).
import { z } from 'zod';
import { passwordSchema } from './user';

export type MqttGrant = { kind: 'master' } | { kind: 'robot'; iface: string; manufacturer: string; serialNumber: string | null };

export const ROBOT_PUBLISH_TOPICS = ['state', 'visualization', 'connection', 'factsheet'] as const;
export const ROBOT_SUBSCRIBE_TOPICS = ['order', 'instantActions'] as const;
export const VDA_VERSION_LEVELS: readonly string[] = ['v2', 'v3'];
const V3_SUBSCRIBE_TOPICS: readonly string[] = [...ROBOT_SUBSCRIBE_TOPICS, 'zoneSet', 'responses'];

/** One credential as the broker needs it (the hash never leaves the server; the broker thread verifies against it). */
export interface MqttAccount {
  username: string;
  passwordHash: string;
  manufacturer: string;
  serialNumber: string | null;
  disabled: boolean;
}

export function grantOf(account: Pick<MqttAccount, 'manufacturer' | 'serialNumber'>, iface: string): MqttGrant {
  return { kind: 'robot', iface, manufacturer: account.manufacturer, serialNumber: account.serialNumber };
}

/** Why `grant` may not use `topic` (null: it may). */
function refusal(grant: MqttGrant, topic: string, allowed: readonly string[]): string | null {
  if (grant.kind === 'master') return null;
  if (topic.includes('+') || topic.includes('#')) return 'wildcards are not allowed';
  const levels = topic.split('/');
  if (levels.length !== 5 || levels.some((l) => l === '')) return 'not a VDA 5050 topic';
  const [iface, version, manufacturer, serialNumber, sub] = levels as [string, string, string, string, string];
  if (iface !== grant.iface) return `interface ${iface} is not ${grant.iface}`;
  if (!VDA_VERSION_LEVELS.includes(version)) return `version level ${version} is not one of ${VDA_VERSION_LEVELS.join(', ')}`;
  if (manufacturer !== grant.manufacturer) return 'another manufacturer';
  if (grant.serialNumber !== null && serialNumber !== grant.serialNumber) return 'another robot';
  const topics = version === 'v3' && allowed === ROBOT_SUBSCRIBE_TOPICS ? V3_SUBSCRIBE_TOPICS : allowed;
  if (!topics.includes(sub)) return `topic ${sub} is not allowed`;
  return null;
}

/** Null when the client may publish on `topic`; otherwise the reason. */
export function publishRefusal(grant: MqttGrant, topic: string): string | null {
  return refusal(grant, topic, ROBOT_PUBLISH_TOPICS);
}

/** Null when the client may subscribe to `filter`; otherwise the reason. */
export function subscribeRefusal(grant: MqttGrant, filter: string): string | null {
  return refusal(grant, filter, ROBOT_SUBSCRIBE_TOPICS);
}

export const mayPublish = (grant: MqttGrant, topic: string): boolean => publishRefusal(grant, topic) === null;
export const maySubscribe = (grant: MqttGrant, filter: string): boolean => subscribeRefusal(grant, filter) === null;

// Credentials as the API shows them (never a hash), and the inputs that create or change them.

export interface CredentialView {
  id: string;
  username: string;
  manufacturer: string;
  /** Null: any robot of the manufacturer. */
  serialNumber: string | null;
  note: string | null;
  disabled: boolean;
  createdAt: number;
  createdBy: string;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{3,64}$/;
export const usernameSchema = z.string().trim().regex(USERNAME_PATTERN, 'username must be 3-64 letters, digits or _ . @ -');

/** One MQTT topic level: no separator, no wildcard, no control characters (MQTT forbids U+0000). */
export const topicLevelSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(128, `${what} must be at most 128 characters`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .refine((v) => !/[/+#\u0000-\u001f\u007f]/.test(v), `${what} may not contain / + # or control characters`);

/** An optional field a form may send as an empty string: '' means absent. */
const optional = <T extends z.ZodType<string | undefined>>(schema: T) =>
  z.union([z.literal('').transform(() => undefined), schema]).nullish();

export const createCredentialInput = z.object({
  /** Generated from the manufacturer and serial number when absent. */
  username: optional(usernameSchema),
  /** Generated when absent (returned once either way). */
  password: optional(passwordSchema),
  manufacturer: topicLevelSchema('manufacturer'),
  /** Absent or null: any robot of the manufacturer. */
  serialNumber: optional(topicLevelSchema('serial number')),
  note: optional(z.string().trim().max(500)),
});
export type CreateCredentialInput = z.input<typeof createCredentialInput>;

export const updateCredentialInput = z
  .object({ id: z.string().uuid(), disabled: z.boolean().optional(), resetPassword: z.boolean().optional() })
  .refine((u) => u.disabled !== undefined || u.resetPassword === true, 'nothing to change');
export type UpdateCredentialInput = z.input<typeof updateCredentialInput>;

export const credentialIdInput = z.object({ id: z.string().uuid() });

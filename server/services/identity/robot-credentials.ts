// MQTT credentials of robots, managed by admins and stored as scrypt hashes: a password is returned once, when it is
// created or reset, and never again. Every change is audited and announced to listeners (the embedded broker reloads
// its table before the change call returns). provision() gives the app's own simulator a fresh password per start.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client';
import {
  deleteRobotCredential,
  insertRobotCredential,
  listRobotCredentials,
  updateRobotCredential,
  upsertRobotCredential,
  type RobotCredentialRecord,
} from '../../../db/queries/robot-credentials';
import { CredentialExistsError, CredentialNotFoundError } from '../../domain/identity/identity-errors';
import {
  createCredentialInput,
  updateCredentialInput,
  USERNAME_PATTERN,
  type CreateCredentialInput,
  type CredentialView,
  type MqttAccount,
  type UpdateCredentialInput,
} from '../../domain/identity/mqtt-acl';
import type { Logger } from '../../ports/logger';
import type { AuditTrail } from './audit-trail';
import { generatePassword, hashPassword } from '../../domain/identity/passwords';

/** Who made a change, for the audit log and `createdBy`. */
export interface CredentialActor {
  actorId: string | null;
  /** The admin's email, or `system`. */
  actor: string;
  address: string | null;
}

const SYSTEM: CredentialActor = { actorId: null, actor: 'system', address: null };

export function toCredentialView(r: RobotCredentialRecord): CredentialView {
  return {
    id: r.id,
    username: r.username,
    manufacturer: r.manufacturer,
    serialNumber: r.serialNumber,
    note: r.note,
    disabled: r.disabled,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  };
}

/** A topic level as a username fragment: characters a username may not hold become `-`. */
function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_.@-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** `<manufacturer>[.<serial>]` made username-safe; a short hash keeps scopes apart that slug to the same text. */
export function usernameFor(prefix: string, manufacturer: string, serialNumber: string | null): string {
  const plain = [manufacturer, serialNumber].filter((p): p is string => p !== null);
  const parts = plain.map(slug);
  const altered = parts.some((p, i) => p !== plain[i]);
  const suffix = altered ? `-${createHash('sha256').update(plain.join('/')).digest('hex').slice(0, 6)}` : '';
  return `${`${prefix}${parts.join('.')}`.slice(0, 64 - suffix.length)}${suffix}`;
}

export function createRobotCredentials(deps: { db: Db; audit: AuditTrail; logger: Logger }) {
  const { db, audit } = deps;
  const log = deps.logger.child({ component: 'robot-credentials' });
  const listeners = new Set<() => Promise<void> | void>();
  const by = (a: CredentialActor) => ({ actorId: a.actorId, actor: a.actor, address: a.address });

  /** Tells every listener and waits for them (the broker has the new table when a change call returns). */
  const changed = async () => {
    await Promise.all(
      [...listeners].map(async (l) => {
        try {
          await l();
        } catch (err) {
          log.error({ err: (err as Error).message }, 'credential change listener failed');
        }
      }),
    );
  };

  return {
    async list(): Promise<CredentialView[]> {
      return (await listRobotCredentials(db)).map(toCredentialView);
    },

    /** Creates a credential; the password (generated unless given) is in the result and nowhere else, ever. */
    async create(raw: CreateCredentialInput, actor: CredentialActor): Promise<{ credential: CredentialView; password: string }> {
      const input = createCredentialInput.parse(raw);
      const serialNumber = input.serialNumber ?? null;
      const username =
        input.username ?? `${usernameFor('', input.manufacturer, serialNumber).slice(0, 57)}-${randomBytes(4).toString('hex').slice(0, 6)}`;
      const password = input.password ?? generatePassword();
      const record = await insertRobotCredential(db, {
        id: randomUUID(),
        username,
        passwordHash: await hashPassword(password),
        manufacturer: input.manufacturer,
        serialNumber,
        note: input.note ?? null,
        createdBy: actor.actor,
      });
      const scope = { manufacturer: input.manufacturer, serialNumber };
      if (!record) {
        audit.record({
          ...by(actor),
          action: 'credential.create',
          target: username,
          outcome: 'failed',
          detail: { reason: 'username taken', ...scope },
        });
        throw new CredentialExistsError(username);
      }
      audit.record({
        ...by(actor),
        action: 'credential.create',
        target: username,
        outcome: 'ok',
        detail: { ...scope, password: input.password ? 'given' : 'generated' },
      });
      await changed();
      return { credential: toCredentialView(record), password };
    },

    /** Disables/enables and/or resets the password (a new one is generated and returned once). */
    async update(raw: UpdateCredentialInput, actor: CredentialActor): Promise<{ credential: CredentialView; password: string | null }> {
      const input = updateCredentialInput.parse(raw);
      const password = input.resetPassword ? generatePassword() : null;
      const record = await updateRobotCredential(db, input.id, {
        disabled: input.disabled,
        passwordHash: password ? await hashPassword(password) : undefined,
      });
      const changes = { disabled: input.disabled, passwordReset: password ? true : undefined };
      if (!record) {
        audit.record({
          ...by(actor),
          action: 'credential.update',
          target: input.id,
          outcome: 'failed',
          detail: { reason: 'not found', ...changes },
        });
        throw new CredentialNotFoundError(input.id);
      }
      audit.record({ ...by(actor), action: 'credential.update', target: record.username, outcome: 'ok', detail: changes });
      await changed();
      return { credential: toCredentialView(record), password };
    },

    async remove(id: string, actor: CredentialActor): Promise<void> {
      const record = await deleteRobotCredential(db, id);
      if (!record) {
        audit.record({ ...by(actor), action: 'credential.delete', target: id, outcome: 'failed', detail: { reason: 'not found' } });
        throw new CredentialNotFoundError(id);
      }
      audit.record({
        ...by(actor),
        action: 'credential.delete',
        target: record.username,
        outcome: 'ok',
        detail: { manufacturer: record.manufacturer, serialNumber: record.serialNumber },
      });
      await changed();
    },

    /**
     * For the app's own clients (the simulator): creates the credential of this scope, or gives it a fresh random
     * password (the app cannot know the old one). An admin's `disabled` is kept. The username is
     * `provisioned.<manufacturer>[.<serial>]` unless given.
     */
    async provision(
      manufacturer: string,
      serialNumber: string | null,
      note: string,
      username = usernameFor('provisioned.', manufacturer, serialNumber),
    ): Promise<{ username: string; password: string; disabled: boolean }> {
      if (!USERNAME_PATTERN.test(username)) throw new Error(`cannot provision MQTT username ${JSON.stringify(username)}`);
      const password = generatePassword();
      const r = await upsertRobotCredential(db, {
        id: randomUUID(),
        username,
        passwordHash: await hashPassword(password),
        manufacturer,
        serialNumber,
        note,
        createdBy: SYSTEM.actor,
      });
      if (!r) {
        audit.record({
          ...SYSTEM,
          action: 'credential.update',
          target: username,
          outcome: 'failed',
          detail: { reason: 'username taken by another scope', manufacturer, serialNumber },
        });
        throw new CredentialExistsError(username);
      }
      audit.record({
        ...SYSTEM,
        action: r.created ? 'credential.create' : 'credential.update',
        target: username,
        outcome: 'ok',
        detail: { provisioned: true, manufacturer, serialNumber, passwordReset: r.created ? undefined : true },
      });
      if (r.record.disabled) log.warn({ username }, 'provisioned MQTT credential is disabled by an admin; its clients will be refused');
      await changed();
      return { username, password, disabled: r.record.disabled };
    },

    /** Every credential with its hash, for the broker (never for an API). */
    async accounts(): Promise<MqttAccount[]> {
      return (await listRobotCredentials(db)).map((r) => ({
        username: r.username,
        passwordHash: r.passwordHash,
        manufacturer: r.manufacturer,
        serialNumber: r.serialNumber,
        disabled: r.disabled,
      }));
    },

    /** Called after every change, awaited by the change; returns an unsubscribe function. */
    onChange(listener: () => Promise<void> | void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
export type RobotCredentials = ReturnType<typeof createRobotCredentials>;

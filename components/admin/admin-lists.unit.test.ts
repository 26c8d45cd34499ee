import { describe, expect, it } from 'vitest';
import type { CredentialRowView, UserRowView } from './admin-types';
import { CREDENTIAL_LIST, visibleCredentials } from './credential-list';
import { USER_LIST, visibleUsers } from './user-list';

const user = (p: Partial<UserRowView> & { email: string }): UserRowView => ({
  id: p.email,
  name: p.email.split('@')[0] ?? p.email,
  role: 'viewer',
  disabled: false,
  createdAt: 0,
  updatedAt: 0,
  ...p,
});

const credential = (p: Partial<CredentialRowView> & { username: string }): CredentialRowView => ({
  id: p.username,
  manufacturer: 'Acme',
  serialNumber: null,
  note: null,
  disabled: false,
  createdAt: 0,
  createdBy: 'admin@x',
  ...p,
});

describe('the users list', () => {
  const users = [
    user({ email: 'zoe@x', role: 'admin', createdAt: 3 }),
    user({ email: 'amy@x', role: 'operator', disabled: true, createdAt: 1 }),
    user({ email: 'bob@x', role: 'viewer', createdAt: 2 }),
  ];
  const emails = (s: Partial<typeof USER_LIST.defaults>) => visibleUsers(users, { ...USER_LIST.defaults, ...s }).map((u) => u.email);

  it('filters by role, status and text', () => {
    expect(emails({ role: 'admin' })).toEqual(['zoe@x']);
    expect(emails({ status: 'disabled' })).toEqual(['amy@x']);
    expect(emails({ q: 'BO' })).toEqual(['bob@x']);
    expect(emails({})).toEqual(['zoe@x', 'amy@x', 'bob@x']);
  });

  it('sorts by name, role (least power first) and creation time', () => {
    expect(emails({ sort: 'user' })).toEqual(['amy@x', 'bob@x', 'zoe@x']);
    expect(emails({ sort: 'role' })).toEqual(['bob@x', 'amy@x', 'zoe@x']);
    expect(emails({ sort: 'created', dir: 'desc' })).toEqual(['zoe@x', 'bob@x', 'amy@x']);
  });
});

describe('the robot credentials list', () => {
  const rows = [
    credential({ username: 'sim-10', serialNumber: 'SIM-0010' }),
    credential({ username: 'sim-2', serialNumber: 'SIM-0002', disabled: true }),
    credential({ username: 'any-acme', note: 'spare robots' }),
  ];
  const names = (s: Partial<typeof CREDENTIAL_LIST.defaults>) =>
    visibleCredentials(rows, { ...CREDENTIAL_LIST.defaults, ...s }).map((c) => c.username);

  it('filters by status and by text in any column', () => {
    expect(names({ status: 'enabled' })).toEqual(['sim-10', 'any-acme']);
    expect(names({ q: 'spare' })).toEqual(['any-acme']);
  });

  it('sorts usernames naturally and puts credentials for any robot last by serial', () => {
    expect(names({ sort: 'username' })).toEqual(['any-acme', 'sim-2', 'sim-10']);
    expect(names({ sort: 'serial', dir: 'desc' })).toEqual(['sim-10', 'sim-2', 'any-acme']);
  });
});

// Before any spec: sign in as the first administrator (ADMIN_EMAIL / ADMIN_PASSWORD of the e2e app), create the
// viewer, operator and architect users (a reused server already has them: CONFLICT is fine), and save a signed-in
// storage state per role under .tmp/e2e-auth/, each from a real POST /api/auth/login.
import { mkdirSync } from 'node:fs';
import { request, type FullConfig } from '@playwright/test';
import { apiLogin, AUTH_DIR, BASE_URL, storageStateOf, trpcCall, USERS, type Role } from './auth';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL ?? BASE_URL;
  mkdirSync(AUTH_DIR, { recursive: true });

  const admin = await request.newContext({ baseURL });
  try {
    await apiLogin(admin, USERS.admin.email, USERS.admin.password);
    for (const role of ['viewer', 'operator', 'architect'] as const) {
      const u = USERS[role];
      const r = await trpcCall(admin, 'mutation', 'users.create', { email: u.email, password: u.password, role, name: u.name });
      if (r.error && r.error.code !== 'CONFLICT')
        throw new Error(`users.create ${u.email}: ${r.status} ${r.error.code} ${r.error.message}`);
    }
    await admin.storageState({ path: storageStateOf('admin') });
  } finally {
    await admin.dispose();
  }

  for (const role of ['viewer', 'operator', 'architect'] as Role[]) {
    const ctx = await request.newContext({ baseURL });
    try {
      await apiLogin(ctx, USERS[role].email, USERS[role].password);
      await ctx.storageState({ path: storageStateOf(role) });
    } finally {
      await ctx.dispose();
    }
  }
}

// Who the end-to-end tests are: the app's first administrator (set in playwright.config.ts webServer env) and one
// user per role, created by global-setup.ts, each with a signed-in storage state under .tmp/e2e-auth/.
// Specs pick the role they need with test.use(asRole('operator')). Also small helpers for tRPC over HTTP: POSTs
// carry the Origin header a browser would send (the server refuses mutations without it).
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export const ADMIN_EMAIL = 'admin@e2e.local';
export const ADMIN_PASSWORD = 'e2e-admin-password-1';
export const ADMIN_NAME = 'Administrator';

export type Role = 'viewer' | 'operator' | 'architect' | 'admin';

export interface TestUser {
  email: string;
  password: string;
  name: string;
  role: Role;
}

export const USERS: Record<Role, TestUser> = {
  viewer: { email: 'viewer@e2e.local', password: 'e2e-viewer-password', name: 'Vera Viewer', role: 'viewer' },
  operator: { email: 'operator@e2e.local', password: 'e2e-operator-password', name: 'Otto Operator', role: 'operator' },
  architect: { email: 'architect@e2e.local', password: 'e2e-architect-password', name: 'Ada Architect', role: 'architect' },
  admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: ADMIN_NAME, role: 'admin' },
};

export const AUTH_DIR = '.tmp/e2e-auth';
export const storageStateOf = (role: Role) => `${AUTH_DIR}/${role}.json`;
/** test.use(asRole('operator')), or browser.newContext(asRole('viewer')). */
export const asRole = (role: Role) => ({ storageState: storageStateOf(role) });
/** No session at all. */
export const anonymous = { storageState: { cookies: [], origins: [] } };

export const originHeaders = { Origin: BASE_URL };

/** POST /api/auth/login; the session cookie lands in the request context. */
export async function apiLogin(request: APIRequestContext, email: string, password: string): Promise<void> {
  const res = await request.post('/api/auth/login', { data: { email, password }, headers: originHeaders });
  expect(res.status(), `login ${email}: ${await res.text()}`).toBe(200);
}

export interface TrpcAnswer<T> {
  status: number;
  data?: T;
  error?: { message: string; code: string };
}

function answerOf<T>(status: number, body: unknown): TrpcAnswer<T> {
  const b = body as { result?: { data?: { json?: T } }; error?: { json?: { message: string; data?: { code: string } } } } | null;
  if (b?.error?.json) return { status, error: { message: b.error.json.message, code: b.error.json.data?.code ?? '' } };
  return { status, data: b?.result?.data?.json };
}

export async function trpcCall<T>(
  request: APIRequestContext,
  type: 'query' | 'mutation',
  path: string,
  input?: unknown,
): Promise<TrpcAnswer<T>> {
  const res =
    type === 'query'
      ? await request.get(`/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`)
      : await request.post(`/api/trpc/${path}`, { data: { json: input ?? null }, headers: originHeaders });
  return answerOf<T>(res.status(), await res.json().catch(() => null));
}

/** A query that must succeed. */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const a = await trpcCall<T>(request, 'query', path, input);
  expect(a.error, `${path}: ${a.status} ${a.error?.message}`).toBeUndefined();
  return a.data as T;
}

/** A mutation that must succeed. */
export async function trpcMutation<T = unknown>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const a = await trpcCall<T>(request, 'mutation', path, input);
  expect(a.error, `${path}: ${a.status} ${a.error?.message}`).toBeUndefined();
  return a.data as T;
}

/** Signs in through the /login page as a person would (Enter submits), and waits to leave it. */
export async function loginThroughPage(page: Page, email: string, password: string, next = '/'): Promise<void> {
  await page.goto(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
}

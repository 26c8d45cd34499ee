// The path every routing decision is made on: dot segments and encoded dots resolved, encoded slashes refused.
import { describe, expect, it } from 'vitest';
import { normaliseTarget } from './request-target';

const path = (raw: string) => {
  const r = normaliseTarget(raw);
  if (!r.ok) throw new Error(`refused ${raw}: ${r.reason}`);
  return r.url;
};
const refused = (raw: string) => {
  const r = normaliseTarget(raw);
  return r.ok ? null : r.reason;
};

describe('request target', () => {
  it('resolves the dot segments that got past the page gate (issue 12, fault 8)', () => {
    expect(path('/login/../admin/users')).toBe('/admin/users');
    expect(path('/_next/../admin/users')).toBe('/admin/users');
    expect(path('/login/%2e%2e/admin/users')).toBe('/admin/users');
    expect(path('/login/%2E%2E/admin/users')).toBe('/admin/users');
    expect(path('/login/.%2e/admin/users')).toBe('/admin/users');
    expect(path('/api/health/../../admin/audit')).toBe('/admin/audit');
    expect(path('/api/trpc/../../admin')).toBe('/admin');
    expect(path('/../../../admin')).toBe('/admin');
    expect(path('/./login/./')).toBe('/login/');
  });

  it('collapses empty segments and decodes encoded unreserved characters, leaves the query alone', () => {
    expect(path('//admin//users')).toBe('/admin/users');
    expect(path('/%61dmin/users')).toBe('/admin/users');
    expect(path('/%5fnext/static/x.js')).toBe('/_next/static/x.js');
    expect(path('/robots/3?tab=protocol&x=/../y')).toBe('/robots/3?tab=protocol&x=/../y');
    expect(path('/api/trpc/fleet.list,auth.me?batch=1&input=%7B%7D')).toBe('/api/trpc/fleet.list,auth.me?batch=1&input=%7B%7D');
    expect(path('/')).toBe('/');
    expect(path('/login?next=%2Fflow')).toBe('/login?next=%2Fflow');
    // Other encodings (a space, a reserved character) stay encoded for Next to read.
    expect(path('/robots/a%20b')).toBe('/robots/a%20b');
  });

  it('refuses encoded slashes and backslashes, NULs, control characters, malformed escapes and non-path targets', () => {
    for (const raw of [
      '/login%2f..%2fadmin/users',
      '/login%2F..%2Fadmin',
      '/login/..%5cadmin',
      '/login\\..\\admin',
      '/admin%00',
      '/a%0ab',
      '/a%zz',
      '/a%2',
      'http://evil/admin',
      '*',
      '',
    ]) {
      expect(refused(raw), raw).toBeTruthy();
    }
  });
});

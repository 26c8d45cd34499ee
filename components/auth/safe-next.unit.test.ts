import { describe, expect, it } from 'vitest';
import { loginReason, loginUrl, safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path on this site with its query and hash', () => {
    expect(safeNext('/robots/3')).toBe('/robots/3');
    expect(safeNext('/commands?robot=4#x')).toBe('/commands?robot=4#x');
    expect(safeNext('/flow?trace=ab')).toBe('/flow?trace=ab');
  });

  it('refuses anything that could leave the site', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      ' /x',
      'evil.example',
      '',
      null,
      undefined,
    ]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });

  it('never comes back to the login page or an API route', () => {
    expect(safeNext('/login')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext('/api/auth/logout')).toBe('/');
    expect(safeNext('/loginx')).toBe('/loginx');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeNext('/a/../../b')).toBe('/b');
  });
});

describe('loginUrl', () => {
  it('carries the page and the reason', () => {
    expect(loginUrl('/robots/3', 'session-ended')).toBe('/login?next=%2Frobots%2F3&reason=session-ended');
    expect(loginUrl('/', 'session-ended')).toBe('/login?next=%2F&reason=session-ended');
    expect(loginUrl('//evil.example')).toBe('/login?next=%2F');
    expect(loginUrl(null)).toBe('/login');
    expect(loginUrl(null, 'signed-out')).toBe('/login?reason=signed-out');
  });

  it('reads only known reasons', () => {
    expect(loginReason('session-ended')).toBe('session-ended');
    expect(loginReason('<script>')).toBeNull();
  });
});

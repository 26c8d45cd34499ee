// Security headers: a fresh script nonce per request, no framing, no sniffing, and the policy handed to Next through
// the request so it can put the nonce on its own inline scripts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applySecurityHeaders, contentSecurityPolicy } from './security-headers';

function fakeExchange() {
  const headers: Record<string, string> = {};
  const req = { headers: {} as Record<string, string> } as unknown as IncomingMessage;
  const res = { setHeader: (k: string, v: string) => void (headers[k.toLowerCase()] = v) } as unknown as ServerResponse;
  return { req, res, headers };
}

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('security headers', () => {
  it('production policy: nonce-only scripts, no eval, no framing, no plugins, this origin only', () => {
    const csp = contentSecurityPolicy('abc123', false);
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'none'`);
    expect(directive(csp, 'object-src')).toBe(`object-src 'none'`);
    expect(directive(csp, 'default-src')).toBe(`default-src 'self'`);
    expect(directive(csp, 'connect-src')).toBe(`connect-src 'self'`);
    expect(directive(csp, 'base-uri')).toBe(`base-uri 'self'`);
    expect(directive(csp, 'form-action')).toBe(`form-action 'self'`);
  });

  it('dev policy adds only what hot reload needs', () => {
    const csp = contentSecurityPolicy('abc123', true);
    expect(directive(csp, 'script-src')).toContain(`'unsafe-eval'`);
    expect(directive(csp, 'connect-src')).toBe(`connect-src 'self' ws: wss:`);
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'none'`);
  });

  it('sets the headers on the response and the same policy on the request, with a new nonce each time', () => {
    const a = fakeExchange();
    applySecurityHeaders(a.req, a.res, false);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect(a.headers['referrer-policy']).toBe('same-origin');
    expect(a.headers['content-security-policy']).toBe(a.req.headers['content-security-policy']);
    const nonceA = /'nonce-([A-Za-z0-9+/=]+)'/.exec(a.headers['content-security-policy']!)?.[1];
    expect(nonceA).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes

    const b = fakeExchange();
    applySecurityHeaders(b.req, b.res, false);
    const nonceB = /'nonce-([A-Za-z0-9+/=]+)'/.exec(b.headers['content-security-policy']!)?.[1];
    expect(nonceB).not.toBe(nonceA);
  });
});

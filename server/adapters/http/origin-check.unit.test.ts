// The Origin check behind every mutation and Socket.IO handshake: only this app's own origin (the Host the browser
// asked for) or an allow-listed one passes; a missing, opaque or unparsable Origin never does.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginCheck } from './origin-check';

const req = (headers: Record<string, string | undefined>) => ({ headers }) as unknown as IncomingMessage;
const none = createOriginCheck([]);

describe('origin check', () => {
  it("accepts the app's own origin: the Origin's host and port equal the Host header", () => {
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(none.matches(req({ host: 'fleet.example.com', origin: 'https://fleet.example.com' }))).toBe(true);
    // Case does not matter, and a default port written out is the same origin.
    expect(none.matches(req({ host: 'Fleet.Example.com', origin: 'HTTPS://fleet.example.COM' }))).toBe(true);
    expect(none.matches(req({ host: 'fleet.example.com', origin: 'https://fleet.example.com:443' }))).toBe(true);
  });

  it('refuses another site, another port or a look-alike host', () => {
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: 'http://evil.example' }))).toBe(false);
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }))).toBe(false);
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: 'http://localhost:3000' }))).toBe(false);
    expect(none.matches(req({ host: 'fleet.example.com', origin: 'https://fleet.example.com.evil.example' }))).toBe(false);
    expect(none.matches(req({ host: 'fleet.example.com', origin: 'https://evil.example/fleet.example.com' }))).toBe(false);
    expect(none.matches(req({ host: 'fleet.example.com', origin: 'https://fleet.example.com@evil.example' }))).toBe(false);
  });

  it('refuses a request without Origin, with the opaque origin "null", or with one that is not a URL', () => {
    expect(none.matches(req({ host: '127.0.0.1:3000' }))).toBe(false);
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: '' }))).toBe(false);
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: 'null' }))).toBe(false);
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: 'not a url' }))).toBe(false);
    expect(none.matches(req({ host: '127.0.0.1:3000', origin: '127.0.0.1:3000' }))).toBe(false);
  });

  it('refuses when the request names no Host to compare with', () => {
    expect(none.matches(req({ origin: 'http://127.0.0.1:3000' }))).toBe(false);
  });

  it('accepts allow-listed origins (ALLOWED_ORIGINS), ignoring case and a trailing slash, and nothing else', () => {
    const check = createOriginCheck(['https://Fleet.Example.com/', 'http://10.0.0.5:8080']);
    expect(check.matches(req({ host: 'internal:3000', origin: 'https://fleet.example.com' }))).toBe(true);
    expect(check.matches(req({ host: 'internal:3000', origin: 'http://10.0.0.5:8080' }))).toBe(true);
    // The app's own origin still passes beside the list.
    expect(check.matches(req({ host: 'internal:3000', origin: 'http://internal:3000' }))).toBe(true);
    // Scheme and port are part of an allow-listed origin.
    expect(check.matches(req({ host: 'internal:3000', origin: 'http://fleet.example.com' }))).toBe(false);
    expect(check.matches(req({ host: 'internal:3000', origin: 'http://10.0.0.5:8081' }))).toBe(false);
    expect(check.matches(req({ host: 'internal:3000', origin: 'null' }))).toBe(false);
    expect(check.matches(req({ host: 'internal:3000' }))).toBe(false);
  });
});

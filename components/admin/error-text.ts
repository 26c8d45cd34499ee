// A tRPC or network error as a sentence an administrator can act on: zod issues by field, the server's own
// message for refusals (CONFLICT, FORBIDDEN, NOT_FOUND), and a plain "not answering" for network failures.

interface ErrorLike {
  message?: unknown;
  data?: { code?: unknown; zodError?: unknown } | null;
}

export function errorText(e: unknown): string {
  if (!e) return '';
  const err = e as ErrorLike;
  const issues = err.data?.zodError;
  if (Array.isArray(issues) && issues.length > 0) {
    return issues
      .map((i: { path?: string; message?: string }) => (i.path ? `${i.path}: ${i.message ?? 'invalid'}` : (i.message ?? 'invalid')))
      .join('; ');
  }
  const message = typeof err.message === 'string' ? err.message : String(e);
  if (/failed to fetch|networkerror|load failed|unexpected end of json/i.test(message))
    return 'The server is not answering; check that FleetScope is running and try again.';
  return message;
}

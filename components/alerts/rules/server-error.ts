// A refused alertRules.update as the admin reads it: the server's validation issues by field, else its message.
interface ErrorLike {
  message?: unknown;
  data?: { zodError?: unknown } | null;
}

export function serverErrorText(e: unknown): string {
  const err = (e ?? {}) as ErrorLike;
  const issues = err.data?.zodError;
  if (Array.isArray(issues) && issues.length > 0)
    return issues.map((i: { path?: string; message?: string }) => `${i.path || 'rule'}: ${i.message ?? 'invalid'}`).join('; ');
  return typeof err.message === 'string' ? err.message : String(e);
}

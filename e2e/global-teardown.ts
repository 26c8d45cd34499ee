// After every spec: the app under test must not have left a promise rejection unhandled (a bug each, even when no
// test noticed it). /api/health counts them (components.process.unhandledRejections).
import { BASE_URL } from './auth';

export default async function globalTeardown(): Promise<void> {
  const res = await fetch(`${BASE_URL}/api/health`);
  const body = (await res.json()) as { components?: { process?: { unhandledRejections?: number } } };
  const n = body.components?.process?.unhandledRejections;
  if (n === undefined)
    throw new Error('/api/health has no process.unhandledRejections: cannot tell whether the app left a rejection unhandled');
  if (n > 0)
    throw new Error(
      `the app under test left ${n} promise rejection(s) unhandled during the e2e run: see its log (unhandled promise rejection)`,
    );
}

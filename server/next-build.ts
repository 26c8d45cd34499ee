// `npm start` builds the Next app when there is no production build yet, or when the UI sources are newer than
// the build (so tests never run against a stale UI).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './ports/logger';

export const ROOT_DIR = path.resolve(import.meta.dirname, '..');
const SOURCES = ['app', 'components', 'server/domain', 'server/api', 'next.config.mjs', 'package-lock.json', 'tsconfig.json'];

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

export function buildIsCurrent(): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(ROOT_DIR, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID')).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((s) => newestMtime(path.join(ROOT_DIR, s)) <= built);
}

export function ensureNextBuild(logger: Logger): void {
  if (buildIsCurrent()) return;
  logger.info('no current production build: running `next build` (about a minute)');
  const t0 = Date.now();
  const r = spawnSync(path.join(ROOT_DIR, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: ROOT_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
  logger.info({ seconds: Math.round((Date.now() - t0) / 100) / 10 }, 'next build finished');
}

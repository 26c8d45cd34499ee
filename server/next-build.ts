// `npm start` on a fresh clone builds the Next app once, when there is no production build yet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';

export const ROOT_DIR = path.resolve(import.meta.dirname, '..');

export function ensureNextBuild(logger: Logger): void {
  if (fs.existsSync(path.join(ROOT_DIR, '.next', 'BUILD_ID'))) return;
  logger.info('no production build found: running `next build` once (about a minute)');
  const t0 = Date.now();
  const r = spawnSync(path.join(ROOT_DIR, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: ROOT_DIR,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
  logger.info({ seconds: Math.round((Date.now() - t0) / 100) / 10 }, 'next build finished');
}

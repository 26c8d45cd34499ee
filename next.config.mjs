/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Parallel work in one checkout builds into a directory of its own (NEXT_DIST_DIR=.tmp/next-<name>); the app
  // reads the same variable when it starts, so it serves what that build produced.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Server-only packages that must not be bundled: they are loaded by the custom server
  // (server/index.ts) and reached from route handlers through globalThis.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'aedes', 'mqtt', 'pino', 'socket.io'],
};

export default nextConfig;

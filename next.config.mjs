/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must not be bundled: they are loaded by the custom server
  // (server/index.ts) and reached from route handlers through globalThis.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'aedes', 'mqtt', 'pino', 'socket.io'],
};

export default nextConfig;

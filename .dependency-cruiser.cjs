// Layer rules of docs/architecture.md, checked by `npm run lint` (npm run lint:deps). Change the rule and the doc
// table together. TypeScript 7 has no JavaScript API, so files are read through Babel.
/** @type {import('dependency-cruiser').IConfiguration} */
const IO_BUILTINS = '^(node:)?(fs|net|http|https|http2|child_process|worker_threads|dgram|tls|cluster|dns)(/|$)';
/** The composition root (server/*.ts files and server/composition/): no layer may import it. */
const COMPOSITION_ROOT = ['^server/[^/]+\\.ts$', '^server/composition/'];
/** Every layer of server/ outside the domain and the protocol. */
const OUTER_LAYERS = ['^server/(ports|services|adapters|workers|api|sim|testing)/', ...COMPOSITION_ROOT];
const VENDOR_IO =
  '^(node_modules/)?(mqtt|aedes|postgres|@electric-sql|socket\\.io|socket\\.io-client|drizzle-orm|next|pino|prom-client|@opentelemetry)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and tests fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'server/domain holds pure types and logic: no I/O, no outer layer.',
      from: { path: '^server/domain/' },
      to: {
        path: [...OUTER_LAYERS, '^db/', '^components/', '^app/'],
      },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      from: { path: '^server/domain/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core', 'npm'], path: [IO_BUILTINS, VENDOR_IO] },
    },
    {
      name: 'ports-only-domain',
      severity: 'error',
      comment: 'A port is an interface; it may name domain types only.',
      from: { path: '^server/ports/' },
      to: { path: ['^server/(services|adapters|workers|api|sim|testing)/', ...COMPOSITION_ROOT, '^db/'] },
    },
    {
      name: 'adapters-inward-only',
      severity: 'error',
      comment: 'Adapters implement ports; they may use domain, ports and vendor SDKs, never services, workers, the API or the database.',
      from: { path: '^server/adapters/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^server/(services|workers|api|sim)/', ...COMPOSITION_ROOT] },
    },
    {
      name: 'db-only-in-storage-adapters',
      severity: 'error',
      comment: 'Of the adapters, only storage/ (the store ports on db/queries) may use the database.',
      from: { path: '^server/adapters/(?!storage/)', pathNot: '\\.test\\.ts$' },
      to: { path: '^db/' },
    },
    {
      name: 'services-not-outward',
      severity: 'error',
      comment: 'Services receive their dependencies: domain, ports and db/queries only.',
      from: { path: '^server/services/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^server/(adapters|workers|api|sim)/', ...COMPOSITION_ROOT, '^db/(schema|client)'] },
    },
    {
      name: 'workers-through-ports',
      severity: 'error',
      comment: 'Workers consume the bus and write through services and ports, never adapters or the database directly.',
      from: { path: '^server/workers/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^server/(adapters|api|sim)/', ...COMPOSITION_ROOT, '^db/'] },
    },
    {
      name: 'api-thin',
      severity: 'error',
      comment: 'Routers validate, check the role and call a service.',
      from: { path: '^server/api/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^server/(adapters|workers|sim)/', '^db/'] },
    },
    {
      name: 'platform-is-a-leaf',
      severity: 'error',
      comment: 'platform/ holds Node helpers that db/ and server/ both use; it depends on nothing of ours.',
      from: { path: '^platform/' },
      to: { path: ['^server/', '^db/', '^components/', '^app/'] },
    },
    {
      name: 'protocol-is-shared',
      severity: 'error',
      comment:
        'server/protocol is VDA 5050 over MQTT as the gateway and the simulator both speak it: domain types and vendor packages only.',
      from: { path: '^server/protocol/' },
      to: {
        path: [...OUTER_LAYERS, '^db/', '^components/'],
      },
    },
    {
      name: 'sim-outside-the-app',
      severity: 'error',
      comment: 'Robots are outside the app: the simulator uses the protocol (server/protocol) and pure domain code only.',
      from: { path: '^server/sim/' },
      to: {
        path: ['^server/(services|adapters|workers|api|ports)/', ...COMPOSITION_ROOT, '^db/', '^components/'],
      },
    },
    {
      name: 'db-not-server',
      severity: 'error',
      comment: 'db/ is schema, client and queries: it may use the pure domain (the types its queries return), nothing else of the app.',
      from: { path: '^db/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^server/(?!domain/)', '^components/', '^app/'] },
    },
    {
      name: 'browser-not-server-runtime',
      severity: 'error',
      comment: 'Browser code may import types from server/, and pure shared code, never server runtime code.',
      from: { path: '^components/' },
      to: { path: ['^server/(adapters|services|workers|api|sim|ports)/', '^db/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-kit-is-generic',
      severity: 'error',
      comment: 'components/ui is the kit every feature uses; it imports no feature.',
      from: { path: '^components/ui/' },
      to: { path: '^components/(?!ui/)' },
    },
    {
      name: 'features-not-each-others-internals',
      severity: 'error',
      comment:
        "A feature uses the kit (ui/), the shared client plumbing (realtime/, trpc/, auth/) and other features' public entry (index.ts) only.",
      from: { path: '^components/([^/]+)/' },
      to: { path: '^components/(?!ui/|realtime/|trpc/|auth/|$1/)[^/]+/(?!index\\.tsx?$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^\\.next', '^\\.tmp'] },
    // Babel strips what TypeScript elides (type-only imports), so the graph is what runs.
    babelConfig: { fileName: '.babelrc.depcruise.json' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { dot: { collapsePattern: '^(node_modules/[^/]+|server/[^/]+|components/[^/]+|db/[^/]+)/' } },
  },
};

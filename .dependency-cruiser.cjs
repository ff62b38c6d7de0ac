/**
 * Architecture rules (docs/architecture.md), run by `npm run lint`. No exceptions file: a violation is fixed in
 * the code. Layers, top to bottom: services/main.ts + services/runtime.ts (wiring) -> workers/ -> services/ (use
 * cases, adapters) -> services/domain (pure) ; db/ sits beside the domain and imports neither services/ nor workers/.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle hides which module is the lower one; break it by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'services/domain imports nothing outside itself except npm packages (ESLint bans the I/O ones).',
      from: { path: '^services/domain/' },
      to: { pathNot: ['^services/domain/', 'node_modules'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'adapters-apart',
      severity: 'error',
      comment: 'Adapters (Strava, email, HTTP) do not import each other: a use case takes both as ports.',
      from: { path: '^services/(strava|email|api)/' },
      to: { path: '^services/(strava|email|api)/', pathNot: '^services/$1/' },
    },
    {
      name: 'tools-stay-out',
      severity: 'error',
      comment: 'tools/ (emulator, demo, bench) never ships: only tools/ and tests/ may import it.',
      from: { pathNot: '^(tools|tests)/' },
      to: { path: '^tools/' },
    },
    {
      name: 'db-imports-no-layer-above',
      severity: 'error',
      comment:
        'db/ holds the SQL; it never reaches up into services/ or workers/ (only down into the pure domain, for row types).',
      from: { path: '^db/' },
      to: { path: '^(services|workers)/', pathNot: '^services/domain/' },
    },
    {
      name: 'services-import-no-workers',
      severity: 'error',
      comment:
        'services/ never imports workers/ (jobs call services, not the reverse), except the wiring entry.',
      from: { path: '^services/', pathNot: '^services/(main\\.ts|runtime\\.ts|cli/)' },
      to: { path: '^workers/' },
    },
    {
      name: 'wiring-is-the-top',
      severity: 'error',
      comment:
        'The wiring (services/main.ts, runtime.ts, cli/) builds everything; nothing in the product imports it.',
      from: { pathNot: '^(tools|tests)/|^services/(main\\.ts|runtime\\.ts|cli/)' },
      to: { path: '^services/(main\\.ts|runtime\\.ts|cli/)' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'The product never imports test code (tools/bench may reuse test worlds).',
      from: { path: '^(services|workers|db)/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^dist/', '^services/api/public/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

/**
 * The layers, checked by `npm run lint` (depcruise): lib/ is the domain and knows nothing of React
 * or Next.js; lib/content uses lib/markdown, never the other way round (a cycle between them would
 * let a module load half-initialised); only the alerts' store talks to a database; components are
 * presentational and import no route.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-imports-no-react-or-next',
      comment: 'lib/ is the domain: routes (app/) and components (components/) use it, not the other way round.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: ['^node_modules/(react|react-dom|next)/', '^(react|react-dom|next)(/|$)', '^app/', '^components/'] },
    },
    {
      name: 'markdown-imports-nothing-from-content',
      comment: 'lib/content uses lib/markdown to check and render posts; lib/markdown must not import lib/content.',
      severity: 'error',
      from: { path: '^lib/markdown/' },
      to: { path: '^lib/content/' },
    },
    {
      name: 'only-the-store-talks-sql',
      comment:
        'In the site and its scripts, only lib/alerts/store*.ts and lib/alerts/migrations.ts import a database client or query builder (the tests create their databases with pg).',
      severity: 'error',
      from: { path: '^(lib|app|components|scripts)/|^[^/]+\\.(ts|mjs)$', pathNot: '^lib/alerts/(store[^/]*|migrations)\\.ts$' },
      to: { path: ['^node_modules/(kysely|pg|pg-[^/]+|@electric-sql/pglite)/', '^(kysely|pg|@electric-sql/pglite)(/|$)'] },
    },
    {
      name: 'only-the-data-file-opens-sqlite',
      comment:
        'In the site and its scripts, only lib/data/sqlite/database.ts opens a SQLite database (it writes /data/decisions.db); the tests read the file back with the same library.',
      severity: 'error',
      from: { path: '^(lib|app|components|scripts)/|^[^/]+\\.(ts|mjs)$', pathNot: '^lib/data/sqlite/database\\.ts$' },
      to: { path: ['^node_modules/node-sqlite3-wasm/', '^node-sqlite3-wasm$'] },
    },
    {
      name: 'components-import-no-routes',
      comment: 'components/ are presentational: they take what a route hands them and import nothing from app/.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

/**
 * The import boundaries of docs/architecture.md, checked by `npm test`: imports point down
 * (entry points → app → domain / db / ports), adapters are wired in the composition root only.
 */
const src = '^platform/src';
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds rules: no I/O, no database, no ports, no entry points',
      severity: 'error',
      from: { path: `${src}/domain/` },
      to: {
        path: [
          `${src}/(db|adapters|app|http|workers|cli)/`,
          '^(node:)?(fs|fs/promises|net|http|https|child_process|dns|dgram|tls)$',
          'node_modules/(pg|drizzle-orm|ioredis|kafkajs|@aws-sdk|@opensearch-project|fastify|fluent-ffmpeg)/',
        ],
      },
    },
    {
      name: 'entry-points-go-through-app',
      comment: 'http/ and workers/ call app/, never db/, drizzle-orm or an adapter',
      severity: 'error',
      from: { path: `${src}/(http|workers)/` },
      to: { path: [`${src}/(db|adapters)/`, 'node_modules/drizzle-orm/'] },
    },
    {
      name: 'nothing-imports-http-from-below',
      severity: 'error',
      from: { path: `${src}/(app|domain|db|ports|adapters|workers)/` },
      to: { path: `${src}/http/` },
    },
    {
      name: 'workers-and-http-apart',
      severity: 'error',
      from: { path: `${src}/http/` },
      to: { path: `${src}/workers/` },
    },
    {
      name: 'app-knows-ports-not-adapters',
      comment: 'adapters are chosen in context.ts, the composition root',
      severity: 'error',
      from: { path: `${src}/(app|domain|db|ports)/` },
      to: { path: `${src}/adapters/` },
    },
    {
      name: 'bench-uses-public-entry-points',
      comment: 'the entry points are the `exports` of platform/package.json',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: `${src}/`, pathNot: `${src}/transcoding\\.ts$` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: `${src}/` },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },

    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
    },
  },
};

// Type-checks every TypeScript and JavaScript sample in the guides and READMEs against the
// packages as built, so no sample goes stale. A sample is one fenced block; each is its own
// module. Prints each failure with the page and line the sample starts on.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const out = join(here, '.vitepress/cache/samples');
const FENCE = /^```(ts|typescript|js|javascript)\s*$/;

const markdownIn = (dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, dir, f));
const pages = [
  join(root, 'README.md'),
  ...markdownIn('docs'),
  ...readdirSync(join(root, 'examples')).flatMap((d) => markdownIn(`examples/${d}`)),
  ...readdirSync(join(root, 'packages')).flatMap((d) => markdownIn(`packages/${d}`)),
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const origins = new Map();
for (const page of pages) {
  const lines = readFileSync(page, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = lines[i]?.match(FENCE);
    if (!fence) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !lines[i + 1]?.startsWith('```')) i++;
    const name = `${relative(root, page).replace(/\W+/g, '-')}-${start + 1}.${fence[1]?.startsWith('t') ? 'ts' : 'mjs'}`;
    writeFileSync(join(out, name), `${lines.slice(start, i + 1).join('\n')}\n`);
    origins.set(name, `${relative(root, page)}:${start + 1}`);
    i++;
  }
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      allowJs: true,
      checkJs: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      moduleDetection: 'force',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: ['node'],
      skipLibCheck: true,
    },
    include: ['*.ts', '*.mjs', '../../../samples-prelude.d.ts'],
  }),
);
try {
  execFileSync('npx', ['tsc', '-p', join(out, 'tsconfig.json')], { cwd: here, encoding: 'utf8' });
  console.log(`${origins.size} samples type-check`);
} catch (error) {
  const report = String(error.stdout).replace(
    /^(?:\S*\/)?([\w.-]+)\((\d+),(\d+)\)/gm,
    (_m, file, line) => {
      const [page, first] = (origins.get(file) ?? `${file}:1`).split(':');
      return `${page}:${Number(first) + Number(line) - 1}`;
    },
  );
  console.error(report);
  process.exit(1);
}

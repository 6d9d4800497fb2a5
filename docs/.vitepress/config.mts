import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

/** Where a page goes in the sidebar; a page not named here still shows, under "More". */
const SECTIONS: { text: string; pages: string[] }[] = [
  { text: 'Start', pages: ['quickstart', 'concepts', 'video-site'] },
  {
    text: 'Build',
    pages: [
      'sdk',
      'uploader',
      'media',
      'player',
      'media',
      'webhooks',
      'engagement',
      'viewers',
      'analytics',
      'security',
      'trust-and-safety',
      'live',
    ],
  },
  { text: 'Run', pages: ['operations', 'performance', 'architecture'] },
  { text: 'Reference', pages: ['api'] },
];

/** A page's title: its first heading, without Markdown code marks. */
const titleOf = (page: string) =>
  (readFileSync(`${docsDir}/${page}.md`, 'utf8').match(/^# (.+)$/m)?.[1] ?? page).replace(/`/g, '');

const pages = readdirSync(docsDir)
  .filter((f) => f.endsWith('.md') && f !== 'index.md')
  .map((f) => f.slice(0, -3));
const placed = new Set(SECTIONS.flatMap((s) => s.pages));
const sidebar = [
  ...SECTIONS.map((s) => ({ text: s.text, pages: s.pages.filter((p) => pages.includes(p)) })),
  { text: 'More', pages: pages.filter((p) => !placed.has(p)).sort() },
]
  .filter((s) => s.pages.length > 0)
  .map((s) => ({
    text: s.text,
    items: s.pages.map((p) => ({ text: titleOf(p), link: `/${p}` })),
  }));

export default defineConfig({
  title: 'Reel',
  description: 'A self-hostable video API: uploads, HLS, signed playback, webhooks, engagement',
  // Dead links fail the build: a guide never points at a page that is gone. The reference is the
  // one page VitePress does not make: build.mjs renders it from the contract next, and the docs
  // test checks it is there.
  ignoreDeadLinks: [/^\/reference(\.html)?$/],
  cleanUrls: true,
  // Pages outside this folder that the guides may link to are read on GitHub, not built here.
  srcExclude: ['node_modules/**', 'test/**', 'README.md'],
  themeConfig: {
    nav: [
      { text: 'Guides', link: '/quickstart' },
      // Rendered from the contract by build.mjs after the site is built.
      { text: 'API reference', link: '/reference.html', target: '_self' },
    ],
    sidebar,
    search: { provider: 'local' },
    outline: 'deep',
  },
});

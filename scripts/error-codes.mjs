// The "Error codes" table of docs/api.md, made from the bundled contract's ErrorCode catalogue.
// `node scripts/error-codes.mjs` rewrites the table between its markers; `--check` only says
// whether it is current (exit 1 when stale), for the test suite.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = `${root}openapi/bundled/openapi.json`;
export const DOCS = `${root}docs/api.md`;
const START = '<!-- error-codes:start (made by scripts/error-codes.mjs from the contract) -->';
const END = '<!-- error-codes:end -->';

/** One row per catalogue code: the code, its status and what it means; columns padded. */
export function errorCodesTable(contract) {
  const catalogue = contract.components.schemas.ErrorCode;
  const rows = catalogue.enum.map((code) => {
    const [, status, meaning] = /^(.+?): (.+)$/.exec(catalogue['x-enumDescriptions'][code]);
    return [`\`${code}\``, status, `${meaning.charAt(0).toUpperCase()}${meaning.slice(1)}`];
  });
  const header = ['code', 'status', 'meaning'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `markdown` with the text between the markers replaced by the table. */
export function withErrorCodes(markdown, contract) {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/api.md lacks the markers ${START} … ${END}`);
  return `${markdown.slice(0, start + START.length)}\n\n${errorCodesTable(contract)}\n\n${markdown.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const docs = readFileSync(DOCS, 'utf8');
  const fresh = withErrorCodes(docs, JSON.parse(readFileSync(BUNDLE, 'utf8')));
  if (process.argv.includes('--check')) {
    if (fresh !== docs) {
      console.error(
        'docs/api.md: the error codes table is stale; run `node scripts/error-codes.mjs`',
      );
      process.exit(1);
    }
  } else if (fresh !== docs) writeFileSync(DOCS, fresh);
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type StoreMode = 'embedded' | 's3';

/**
 * The store a browser suite runs against: `REEL_TEST_STORE=s3` (npm test's services step) puts
 * `reel dev` on the MinIO that scripts/services/up started, with only the S3 settings of
 * `.reel/services.env`, so the suite tests the store and nothing else changes.
 */
export function objectStoreMode(): { mode: StoreMode; env: Record<string, string> } {
  if (process.env.REEL_TEST_STORE !== 's3') return { mode: 'embedded', env: {} };
  const file = resolve(import.meta.dirname, '../../../.reel/services.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`REEL_TEST_STORE=s3 needs ${file}: run scripts/services/up first`);
  }
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^(S3_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) env[match[1]] = match[2];
  }
  if (!env.S3_BUCKET) throw new Error(`${file} names no S3_BUCKET`);
  return { mode: 's3', env };
}

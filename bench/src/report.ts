import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type FigureValue = number | string | boolean | null | Record<string, string>;

export interface Report {
  ratios: Record<string, number | null>;
  figures: Record<string, FigureValue>;
  /** `--services`: the bus and heartbeat figures with Reel on Kafka and the other services. */
  services?: Record<string, number | string>;
}

/** Each ratio's goal; `lower` means lower is better. */
export const GOALS: Record<string, { goal: number; better: 'lower' | 'higher' } | undefined> = {
  transcode_vs_ffmpeg: { goal: 1.1, better: 'lower' },
  first_playable_vs_ffmpeg: undefined,
  cached_read_vs_bare: { goal: 0.5, better: 'higher' },
  manifest_vs_bare: { goal: 0.4, better: 'higher' },
  manifest_signed_vs_bare: { goal: 0.4, better: 'higher' },
  upload_vs_raw: { goal: 0.8, better: 'higher' },
  upload_vs_bare_put: { goal: 0.8, better: 'higher' },
  likes_vs_bare_insert: undefined,
  comments_page_vs_bare_sql: undefined,
};

function verdict(key: string, value: number | null): string {
  const goal = GOALS[key];
  if (value === null) return 'n/a';
  if (!goal) return '';
  const ok = goal.better === 'lower' ? value <= goal.goal : value >= goal.goal;
  return ok ? 'meets goal' : 'MISSES goal';
}

/** The human table: ratios with their goals, then every figure. */
export function formatTable(report: Report, rounds: Record<string, number[]> = {}): string {
  const reasons = (report.figures.null_reasons ?? {}) as Record<string, string>;
  const lines = ['', 'ratio                        value    goal     verdict'];
  for (const [key, value] of Object.entries(report.ratios)) {
    const goal = GOALS[key];
    const goalText = goal ? `${goal.better === 'lower' ? '≤' : '≥'} ${goal.goal}` : '—';
    lines.push(
      `${key.padEnd(28)} ${(value === null ? 'null' : value.toFixed(3)).padEnd(8)} ${goalText.padEnd(8)} ${verdict(key, value)}${value === null ? ` (${reasons[key] ?? 'no reason given'})` : ''}`,
    );
  }
  lines.push('', "rounds (each round's ratio; the value above is their median)");
  for (const [key, values] of Object.entries(rounds))
    lines.push(`${key.padEnd(28)} ${values.join('  ')}`);
  lines.push('', 'figure                                               value');
  for (const [key, value] of Object.entries(report.figures)) {
    if (key === 'null_reasons') continue;
    lines.push(
      `${key.padEnd(52)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    );
  }
  if (report.services) {
    lines.push('', 'services mode (Kafka, Redis, OpenSearch, S3)              value');
    for (const [key, value] of Object.entries(report.services))
      lines.push(`${key.padEnd(52)} ${String(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Full runs keep their numbers: `bench/results/<date>.json`. */
export async function writeResults(
  benchDir: string,
  report: Report,
  extra: Record<string, unknown>,
) {
  const dir = join(benchDir, 'results');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  await writeFile(path, `${JSON.stringify({ ...extra, ...report }, null, 2)}\n`);
  return path;
}

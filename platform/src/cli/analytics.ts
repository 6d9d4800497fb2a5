import { parseArgs } from 'node:util';
import { type AnalyticsReport, Reel } from '@reel/sdk';
import { plot } from 'asciichart';
import sparkline from 'sparkline';
import { cliCredentials } from './credentials.js';

const DAY_MS = 24 * 3600_000;

const percent = (share: number | undefined) => `${((share ?? 0) * 100).toFixed(1)} %`;

const duration = (sec: number | undefined) => {
  const s = Math.round(sec ?? 0);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s % 60} s`;
};

/** The key figures, views a day as a sparkline, and the retention curve as a chart. */
export function renderAnalytics(videoId: string, report: AnalyticsReport): string {
  const m = report.metrics;
  const perDay = (report.series ?? []).map((p) => p.metrics.views ?? 0);
  const lines = [
    `Video ${videoId}, ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}`,
    '',
    `  views             ${m.views ?? 0}`,
    `  engaged views     ${m.engaged_views ?? 0}`,
    `  unique viewers    ${m.unique_viewers ?? 0}`,
    `  watch time        ${duration(m.watch_time_sec)}`,
    `  average view      ${duration(m.average_view_sec)}`,
    `  completion rate   ${percent(m.completion_rate)}`,
    `  peak concurrent   ${m.peak_concurrent_viewers ?? 0}`,
    '',
    `Views per day (max ${Math.max(0, ...perDay)})`,
    `  ${perDay.length > 0 ? sparkline(perDay, { min: 0 }) : ''}`,
  ];
  const retention = m.retention ?? [];
  if ((m.views ?? 0) > 0 && retention.length > 0) {
    // Every 2 % keeps the chart 50 columns wide.
    const points = retention.filter((_, p) => p % 2 === 0).map((share) => share * 100);
    lines.push('', 'Retention (% of views still watching, start to end)');
    lines.push(
      plot(points, { height: 8, min: 0, max: 100, format: (x) => `${x.toFixed(0).padStart(4)} %` }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `reel analytics VIDEO_ID [--days N] [--json]`. */
export async function runAnalytics(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { days: { type: 'string', default: '28' }, json: { type: 'boolean', default: false } },
  });
  const videoId = positionals[0];
  const days = Number(values.days);
  if (!videoId || !Number.isInteger(days) || days < 1 || days > 366) {
    throw new Error('Usage: reel analytics VIDEO_ID [--days 1..366] [--json]');
  }
  const { apiUrl, secret } = await cliCredentials('apiKey');
  const reel = new Reel({ apiKey: secret, baseUrl: apiUrl });
  const to = new Date();
  const report = await reel.analytics.video(videoId, {
    from: new Date(to.getTime() - (days - 1) * DAY_MS),
    to,
    granularity: 'day',
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(report)}\n` : renderAnalytics(videoId, report),
  );
  return 0;
}

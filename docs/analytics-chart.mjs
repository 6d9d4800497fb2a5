// `node docs/analytics-chart.mjs VIDEO_ID OUT.png [HOURS]`: a video's views an hour and retention
// curve from the analytics API (REEL_API_URL, REEL_API_KEY), drawn as SVG and rendered to PNG by
// resvg. It made analytics-chart.png in these docs.
import { writeFileSync } from 'node:fs';
import { Reel } from '@reel/sdk';
import { Resvg } from '@resvg/resvg-js';

const [videoId, out, hours = '24'] = process.argv.slice(2);
if (!videoId || !out)
  throw new Error('Usage: node docs/analytics-chart.mjs VIDEO_ID OUT.png [HOURS]');
const reel = new Reel({
  apiKey: process.env.REEL_API_KEY ?? '',
  baseUrl: process.env.REEL_API_URL ?? '',
});
const to = new Date();
const report = await reel.analytics.video(videoId, {
  from: new Date(to.getTime() - (Number(hours) - 1) * 3_600_000),
  to,
  granularity: 'hour',
});

const W = 900;
const H = 320;
const pad = { left: 56, right: 20, top: 40, bottom: 40 };
const panel = (W - pad.left - pad.right - 60) / 2;
const plotH = H - pad.top - pad.bottom;
const text = (x, y, s, anchor = 'start', size = 13) =>
  `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${size}" text-anchor="${anchor}" fill="#333">${s}</text>`;

// Views a day: bars.
const views = (report.series ?? []).map((p) => p.metrics.views ?? 0);
const maxViews = Math.max(1, ...views);
const barW = panel / Math.max(1, views.length);
const bars = views
  .map((v, i) => {
    const h = (v / maxViews) * plotH;
    return `<rect x="${pad.left + i * barW + 1}" y="${pad.top + plotH - h}" width="${Math.max(1, barW - 2)}" height="${h}" fill="#3b82f6"/>`;
  })
  .join('');

// Retention: a line from 0 to 100 % of the duration.
const retention = report.metrics.retention ?? [];
const x0 = pad.left + panel + 60;
const points = retention
  .map((share, p) => `${x0 + (p / 99) * panel},${pad.top + plotH - share * plotH}`)
  .join(' ');

const m = report.metrics;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="100%" height="100%" fill="#fff"/>
${text(pad.left, 22, `Views per hour (max ${maxViews})`, 'start', 15)}
${text(x0, 22, 'Retention: share of views still watching', 'start', 15)}
<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${pad.left + panel}" y2="${pad.top + plotH}" stroke="#999"/>
${bars}
${text(pad.left, H - 14, `${report.from.slice(0, 13)}h`)}
${text(pad.left + panel, H - 14, `${report.to.slice(0, 13)}h`, 'end')}
<line x1="${x0}" y1="${pad.top}" x2="${x0}" y2="${pad.top + plotH}" stroke="#999"/>
<line x1="${x0}" y1="${pad.top + plotH}" x2="${x0 + panel}" y2="${pad.top + plotH}" stroke="#999"/>
${text(x0 - 6, pad.top + 5, '100 %', 'end', 11)}${text(x0 - 6, pad.top + plotH, '0 %', 'end', 11)}
<polyline points="${points}" fill="none" stroke="#ef4444" stroke-width="2"/>
${text(x0, H - 14, 'start')}${text(x0 + panel, H - 14, 'end', 'end')}
${text(W - pad.right, H - 1, `${m.views} views, ${m.unique_viewers} viewers, ${Math.round(m.watch_time_sec ?? 0)} s watched, ${Math.round((m.completion_rate ?? 0) * 100)} % completed`, 'end', 11)}
</svg>`;

writeFileSync(out, new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng());
console.log(`wrote ${out}`);

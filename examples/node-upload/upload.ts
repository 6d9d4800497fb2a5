// Usage: npm start -- FILE   (with REEL_API_URL / REEL_API_KEY, else ../../.reel/dev.json)
import { readFileSync } from 'node:fs';
import { Reel } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';

const file = process.argv[2];
if (!file) throw new Error('Usage: npm start -- FILE');
const dev = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../.reel/dev.json', import.meta.url), 'utf8'));
  } catch {
    return {};
  }
})() as { apiUrl?: string; apiKey?: string };

const reel = new Reel({
  apiKey: process.env.REEL_API_KEY ?? dev.apiKey ?? '',
  baseUrl: process.env.REEL_API_URL ?? dev.apiUrl ?? 'http://127.0.0.1:4000',
});
const uploaded = await uploadFile(reel, file, {
  onProgress: (p) =>
    process.stderr.write(`\r${p.phase} ${Math.round((100 * p.bytesDone) / p.bytesTotal)}%   `),
});
process.stderr.write('\n');
const video = await reel.videos.waitUntilSettled(uploaded.video_id);
console.log(
  video.status === 'ready' ? video.playback?.manifest_url : `failed: ${video.error?.message}`,
);

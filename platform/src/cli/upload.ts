import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Reel, ReelError, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { SingleBar } from 'cli-progress';
import { cliCredentials } from './credentials.js';

function progressBar() {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: process.stderr,
    format:
      '{phase} [{bar}] {percentage}% | {done}/{total} MiB | {speed} MiB/s | eta {eta_formatted}',
    hideCursor: true,
  });
  const started = Date.now();
  let phase = '';
  return {
    update(p: { phase: string; bytesDone: number; bytesTotal: number }) {
      const mib = (n: number) => (n / 1048576).toFixed(1);
      const payload = {
        phase: p.phase.padEnd(10),
        done: mib(p.bytesDone),
        total: mib(p.bytesTotal),
        speed: mib(p.bytesDone / Math.max(0.001, (Date.now() - started) / 1000)),
      };
      if (phase !== p.phase) {
        if (phase) bar.stop();
        bar.start(p.bytesTotal, p.bytesDone, payload);
        phase = p.phase;
      }
      bar.update(p.bytesDone, payload);
    },
    stop: () => bar.stop(),
  };
}

/**
 * The encoding percent `--wait` hears: a bar on a terminal, a line per change otherwise (logs
 * and CI read those), nothing with `--json`, whose stdout is one line for scripts.
 */
function encodingProgress(json: boolean) {
  if (json) return { update: (_percent: number) => undefined, stop: () => undefined };
  if (!process.stderr.isTTY) {
    return {
      update: (percent: number) => process.stderr.write(`encoding ${Math.round(percent)}%\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'encoding   [{bar}] {percentage}% | {duration_formatted}',
    hideCursor: true,
  });
  bar.start(100, 0);
  return { update: (percent: number) => bar.update(Math.round(percent)), stop: () => bar.stop() };
}

/** `reel upload FILE`: exit 0 when uploaded (and, with --wait, ready); 1 when it failed. */
export async function runUpload(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      'playback-policy': { type: 'string', default: 'public' },
      'no-auto-publish': { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('Usage: reel upload FILE [--title T] [--wait] [--json]');
  const policy = values['playback-policy'];
  if (policy !== 'public' && policy !== 'signed')
    throw new Error('--playback-policy is public or signed');
  const { apiUrl, secret } = await cliCredentials('apiKey');
  const reel = new Reel({ apiKey: secret, baseUrl: apiUrl });
  const bar = values.json ? undefined : progressBar();
  let video: Video;
  let videoId = '';
  try {
    video = await uploadFile(reel, resolve(file), {
      ...(values.title !== undefined && { title: values.title }),
      autoPublish: !values['no-auto-publish'],
      playbackPolicy: policy,
      onCreated: (u) => {
        videoId = u.video_id;
      },
      onProgress: (p) => bar?.update(p),
    });
    bar?.stop();
    if (values.wait) {
      const encoding = encodingProgress(values.json);
      try {
        video = await reel.videos.waitUntilSettled(video.video_id, {
          onProgress: (percent) => encoding.update(percent),
        });
      } finally {
        encoding.stop();
      }
    }
  } catch (error) {
    bar?.stop();
    if (!values.json || !(error instanceof ReelError)) throw error;
    console.log(
      JSON.stringify({
        video_id: videoId || null,
        status: 'failed',
        manifest_url: null,
        error: `${error.code}: ${error.message}`,
      }),
    );
    return 1;
  }
  const failed = video.status === 'failed';
  const line = {
    video_id: video.video_id,
    status: video.status,
    manifest_url: video.playback?.manifest_url ?? null,
    error: video.error ? `${video.error.code}: ${video.error.message}` : null,
  };
  if (values.json) console.log(JSON.stringify(line));
  else if (failed) console.error(`Video ${video.video_id} failed: ${line.error}`);
  else
    console.log(
      `Video ${video.video_id} is ${video.status}${line.manifest_url ? `\n  ${line.manifest_url}` : ''}`,
    );
  return failed ? 1 : 0;
}

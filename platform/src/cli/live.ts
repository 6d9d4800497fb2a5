import { parseArgs } from 'node:util';
import { type LiveStreamWithKey, Reel } from '@reel/sdk';
import { cliCredentials } from './credentials.js';

const USAGE = 'Usage: reel live create --title T [--latency low|standard] [--json]';

const TEST_PATTERN = `ffmpeg -re -f lavfi -i testsrc2=size=640x360:rate=30 -vf "drawtext=text='%{localtime}':fontsize=32:fontcolor=white:box=1:boxcolor=black" -c:v libx264 -preset veryfast -tune zerolatency -g 30`;

/** What to paste into OBS, and ffmpeg commands that send a test pattern with a clock. */
export function renderLiveStream(stream: LiveStreamWithKey, apiUrl: string): string {
  const srt = stream.srt_url ? `${stream.srt_url}?streamid=${stream.stream_key}` : null;
  return [
    `Live stream ${stream.live_stream_id} (${stream.latency} latency)`,
    '',
    `  RTMP URL     ${stream.rtmp_url}`,
    ...(srt ? [`  SRT URL      ${srt}`] : []),
    `  stream key   ${stream.stream_key}   (shown once)`,
    `  playback     ${apiUrl}/v1/live-streams/${stream.live_stream_id}/manifest.m3u8`,
    '',
    'Send a test pattern with the time burnt in:',
    `  ${TEST_PATTERN} -f flv "${stream.rtmp_url}/${stream.stream_key}"`,
    ...(srt ? ['or over SRT:', `  ${TEST_PATTERN} -f mpegts "${srt}"`] : []),
    '',
  ].join('\n');
}

/** `reel live create --title T [--latency low|standard] [--json]`. */
export async function runLive(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      latency: { type: 'string', default: 'low' },
      json: { type: 'boolean', default: false },
    },
  });
  const latency = values.latency;
  if (
    positionals[0] !== 'create' ||
    !values.title ||
    (latency !== 'low' && latency !== 'standard')
  ) {
    throw new Error(USAGE);
  }
  const { apiUrl, secret } = await cliCredentials('apiKey');
  const reel = new Reel({ apiKey: secret, baseUrl: apiUrl });
  const stream = await reel.liveStreams.create({ title: values.title, latency });
  process.stdout.write(
    values.json ? `${JSON.stringify(stream)}\n` : renderLiveStream(stream, apiUrl),
  );
  return 0;
}

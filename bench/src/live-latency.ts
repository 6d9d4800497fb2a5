/**
 * Glass-to-glass latency of live streams on loopback: an ffmpeg publisher sends a test pattern
 * whose top rows carry its own clock (milliseconds since it started, 20 bits as black and white
 * blocks), over RTMP to `reel dev`; a client follows the 360p playlist as a player does (blocking
 * reloads for `low`, polling for `standard`), fetches each new part or segment, decodes its last
 * frame and reads the clock there. Latency = when the client had that frame − when the publisher
 * made it. A player adds its hold-back on top (PART-HOLD-BACK, 1 s, for `low`).
 *
 * `npx tsx bench/src/live-latency.ts [seconds]` (default 120 per mode); prints p50/p95 as JSON.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { freePort } from './free-port.js';
import { startReel } from './reel-process.js';

const SECONDS = Number(process.argv[2] ?? 120);
const BITS = 20;
const BLOCK = 32;

/**
 * Draws `floor(t * 1000)` (ms of the publisher's own clock) into the top 32 rows, one white box
 * per set bit: drawbox's `enable` is evaluated once a frame, so the publisher stays real time.
 */
const CLOCK_FILTER = Array.from(
  { length: BITS },
  (_, bit) =>
    `drawbox=x=${bit * BLOCK}:y=0:w=${BLOCK}:h=${BLOCK}:color=black:t=fill,drawbox=x=${bit * BLOCK}:y=0:w=${BLOCK}:h=${BLOCK}:color=white:t=fill:enable='eq(mod(floor(floor(t*1000)/${2 ** bit}),2),1)'`,
).join(',');

function run(command: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('close', (code) =>
      code === 0 ? done(Buffer.concat(out)) : fail(new Error(`${command}: ${err.slice(-500)}`)),
    );
    child.stdin.end(input);
  });
}

/** The clocks (ms) burnt into the first and last frames of an fMP4 init + media. */
async function frameClocks(media: Buffer): Promise<{ first: number; last: number }> {
  const raw = await run(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0'],
      ...['-vf', `crop=${BITS * BLOCK}:${BLOCK}:0:0,scale=${BITS}:1:flags=area`],
      ...['-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
    ],
    media,
  );
  const read = (frame: Buffer) => {
    let ms = 0;
    for (let bit = 0; bit < BITS; bit++) if ((frame[bit] ?? 0) > 128) ms += 2 ** bit;
    return ms;
  };
  return { first: read(raw.subarray(0, BITS)), last: read(raw.subarray(raw.length - BITS)) };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function measure(
  reel: Awaited<ReturnType<typeof startReel>>,
  rtmpPort: number,
  latency: 'low' | 'standard',
) {
  const stream = await reel.sdk.liveStreams.create({ title: `bench ${latency}`, latency });
  const startedAt = Date.now();
  const publisher = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-vf', CLOCK_FILTER],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30'],
      ...['-t', String(SECONDS + 15), '-f', 'flv'],
      `rtmp://127.0.0.1:${rtmpPort}/live/${stream.stream_key}`,
    ],
    { stdio: 'ignore' },
  );
  const base = `${reel.apiUrl}/v1/live-streams/${stream.live_stream_id}/renditions/360p/`;
  const inits = new Map<string, Buffer>();
  const fetchBytes = async (uri: string) =>
    Buffer.from(await (await fetch(new URL(uri, base))).arrayBuffer());
  const seen = new Set<string>();
  // Decoded after the run, so the client's own decoding never delays what it fetches next.
  const fetched: { arrivedAt: number; media: Buffer }[] = [];
  const until = Date.now() + (SECONDS + 8) * 1000;
  let next = '';
  while (Date.now() < until) {
    const response = await fetch(new URL(`playlist.m3u8${next}`, base));
    if (response.status !== 200) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const playlist = await response.text();
    const init = /#EXT-X-MAP:URI="([^"]+)"/g;
    const maps = [...playlist.matchAll(init)].map((m) => m[1] ?? '');
    const media =
      latency === 'low'
        ? [...playlist.matchAll(/#EXT-X-PART:DURATION=[\d.]+,URI="([^"]+)"/g)].map(
            (m) => m[1] ?? '',
          )
        : playlist.split('\n').filter((line) => line.endsWith('.m4s'));
    const fresh = media.filter((uri) => !seen.has(uri));
    // The first playlist's backlog is history, not live: only what appears later is measured.
    const measuring = seen.size > 0;
    for (const uri of fresh) seen.add(uri);
    if (measuring) {
      for (const uri of fresh) {
        const bytes = await fetchBytes(uri);
        const arrivedAt = Date.now();
        const session = /sessions\/([^/]+)\//.exec(uri)?.[1] ?? '';
        const mapUri = maps.find((m) => m.includes(session)) ?? maps.at(-1) ?? '';
        if (!inits.has(mapUri)) inits.set(mapUri, await fetchBytes(mapUri));
        const media = Buffer.concat([inits.get(mapUri) ?? Buffer.alloc(0), bytes]);
        if (arrivedAt - startedAt > 10_000) fetched.push({ arrivedAt, media });
      }
    }
    if (latency === 'low') {
      const hint = /#EXT-X-PRELOAD-HINT:TYPE=PART,URI="[^"]*\/(\d+)\.(\d+)\.m4s"/.exec(playlist);
      next = hint ? `?_HLS_msn=${hint[1]}&_HLS_part=${hint[2]}` : '';
    } else {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  publisher.kill('SIGINT');
  const lastFrame: number[] = [];
  const firstFrame: number[] = [];
  let undecodable = 0;
  for (const { arrivedAt, media } of fetched) {
    // A part that a stop cut short does not decode; it is counted, not measured.
    const clocks = await frameClocks(media).catch(() => undefined);
    if (!clocks) {
      undecodable++;
      continue;
    }
    lastFrame.push(arrivedAt - (startedAt + clocks.last));
    firstFrame.push(arrivedAt - (startedAt + clocks.first));
  }
  const summary = (values: number[]) => ({
    p50_ms: percentile(values, 50),
    p95_ms: percentile(values, 95),
    max_ms: Math.max(...values),
  });
  return {
    latency,
    fetched: fetched.length,
    undecodable,
    newest_frame_to_client: summary(lastFrame),
    oldest_frame_to_client: summary(firstFrame),
  };
}

const rtmpPort = await freePort();
const reel = await startReel(resolve(import.meta.dirname, '../..'), {
  env: { REEL_RTMP_PORT: String(rtmpPort) },
});
try {
  const results = [];
  for (const latency of ['low', 'standard'] as const) {
    results.push(await measure(reel, rtmpPort, latency));
  }
  console.log(
    JSON.stringify({ seconds_per_mode: SECONDS, load_average: loadavg(), results }, null, 2),
  );
} finally {
  await reel.stop();
}

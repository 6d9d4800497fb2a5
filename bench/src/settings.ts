import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** How big and how long each benchmark runs; `--quick` trades precision for minutes. */
export interface Settings {
  quick: boolean;
  json: boolean;
  /** Rounds of baseline+subject pairs for every benchmark. */
  rounds: number;
  /** Rounds for the transcode pair, which takes a minute a round at full size. */
  transcodeRounds: number;
  clipSeconds: number;
  clipWidth: number;
  clipHeight: number;
  uploadBytes: number;
  /** Seconds autocannon drives each server per round (after a warm-up it does not count). */
  httpSeconds: number;
  httpConnections: number;
  busEvents: number;
  /** New likes per round of the likes benchmark. */
  likes: number;
  /** Comments on the video whose first page is read, and how many reads a round. */
  comments: number;
  commentReads: number;
  /** Write `bench/results/<date>.json` (full runs only, unless asked). */
  writeResults: boolean;
  /** Folder for a V8 CPU profile of the Reel process (`node --cpu-prof`), to see where time goes. */
  cpuProfDir: string | undefined;
  /** The benchmarks to run (`--only a,b`); every one when empty. */
  only: ReadonlySet<BenchmarkName>;
  /** Also run the bus and heartbeat benchmarks on the services of `.reel/services.env`. */
  services: boolean;
}

/** Every benchmark `--only` can name, in the order a run takes them. */
export const BENCHMARKS = [
  'transcode',
  'loudness_vs_ladder',
  'downloads_vs_ladder',
  'first_playable',
  'first_frame',
  'cached_read',
  'metrics_overhead',
  'tracing_overhead',
  'manifest',
  'manifest_signed',
  'upload',
  'upload_bare_put',
  'bus',
  'heartbeats',
  'analytics_ingest',
  'likes',
  'comments',
] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

/** Whether a run with these settings includes the named benchmark. */
export const runs = (settings: Settings, name: BenchmarkName) =>
  settings.only.size === 0 || settings.only.has(name);

function parseOnly(raw: string | undefined): Set<BenchmarkName> {
  if (raw === undefined) return new Set();
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw new Error(`--only takes names from ${BENCHMARKS.join(', ')}; got "${raw}"`);
  return new Set(names as BenchmarkName[]);
}

const MB = 1024 * 1024;

const FULL = {
  rounds: 5,
  transcodeRounds: 3,
  clipSeconds: 30,
  uploadMb: 200,
  httpSeconds: 10,
  busEvents: 2000,
  likes: 10_000,
  comments: 10_000,
  commentReads: 500,
};
const QUICK = {
  rounds: 3,
  transcodeRounds: 2,
  clipSeconds: 10,
  uploadMb: 50,
  httpSeconds: 3,
  busEvents: 500,
  likes: 2_000,
  comments: 10_000,
  commentReads: 200,
};

export const USAGE = `Usage: npm run bench -- [--quick] [--json] [overrides]

  --quick             short run: 10 s clip, 50 MB upload, 2-3 rounds; writes no results file;
                      the first-playable 30 s and 120 s clips at 320x180
  --json              print one JSON line {"ratios":{…},"figures":{…}} instead of the table
  --rounds N          baseline/subject pairs per benchmark (transcode: --transcode-rounds N)
  --clip-seconds S    length of the generated clip (default 30, quick 10)
  --clip-size WxH     size of the generated clip (default 1920x1080)
  --upload-mb N       size of the uploaded file (default 200, quick 50)
  --http-seconds S    seconds of load per HTTP round (default 10, quick 3)
  --bus-events N      outbox rows per bus round (default 2000, quick 500)
  --likes N           new likes per likes round (default 10000, quick 2000)
  --comments N        comments on the video whose first page is read (default 10000)
  --comment-reads N   first-page reads per comments round (default 500, quick 200)
  --write-results     write bench/results/<date>.json for a quick run too
  --cpu-prof DIR      run Reel under node --cpu-prof and leave its .cpuprofile in DIR
  --only A,B          run only these benchmarks (${BENCHMARKS.join(', ')}); those that
                      need a ready video publish one first, untimed
  --services          also run Reel on the services of .reel/services.env (Kafka, Redis,
                      OpenSearch, MinIO) and report the bus and heartbeat figures there
                      in a "services" block, and upload_vs_minio when uploads run
`;

export function parseSettings(argv: readonly string[]): Settings {
  const { values } = parseArgs({
    // pnpm passes the `--` of `pnpm bench -- --quick` on; it separates nothing here.
    args: argv.filter((arg) => arg !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'transcode-rounds': { type: 'string' },
      'clip-seconds': { type: 'string' },
      'clip-size': { type: 'string', default: '1920x1080' },
      'upload-mb': { type: 'string' },
      'http-seconds': { type: 'string' },
      'bus-events': { type: 'string' },
      likes: { type: 'string' },
      comments: { type: 'string' },
      'comment-reads': { type: 'string' },
      'write-results': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      only: { type: 'string' },
      services: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const preset = values.quick ? QUICK : FULL;
  const positive = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number, got "${raw}"`);
    return n;
  };
  const size = /^(\d+)x(\d+)$/.exec(values['clip-size']);
  if (!size) throw new Error(`--clip-size must look like 1920x1080, got "${values['clip-size']}"`);
  const rounds = positive('rounds', values.rounds, preset.rounds);
  return {
    quick: values.quick,
    json: values.json,
    rounds,
    transcodeRounds: positive(
      'transcode-rounds',
      values['transcode-rounds'],
      values.rounds === undefined ? preset.transcodeRounds : rounds,
    ),
    clipSeconds: positive('clip-seconds', values['clip-seconds'], preset.clipSeconds),
    clipWidth: Number(size[1]),
    clipHeight: Number(size[2]),
    uploadBytes: Math.round(positive('upload-mb', values['upload-mb'], preset.uploadMb) * MB),
    httpSeconds: positive('http-seconds', values['http-seconds'], preset.httpSeconds),
    httpConnections: 10,
    busEvents: Math.round(positive('bus-events', values['bus-events'], preset.busEvents)),
    likes: Math.round(positive('likes', values.likes, preset.likes)),
    comments: Math.round(positive('comments', values.comments, preset.comments)),
    commentReads: Math.round(
      positive('comment-reads', values['comment-reads'], preset.commentReads),
    ),
    writeResults: !values.quick || values['write-results'],
    cpuProfDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
    only: parseOnly(values.only),
    services: values.services,
  };
}

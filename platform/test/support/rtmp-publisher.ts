import { type ChildProcess, spawn } from 'node:child_process';

export interface Publisher {
  process: ChildProcess;
  /** Resolves with ffmpeg's exit code once it has stopped. */
  exited: Promise<number | null>;
  stderr(): string;
  stop(): Promise<number | null>;
}

/**
 * A real RTMP publisher: ffmpeg sends a lavfi test pattern at its real rate, as OBS would; with
 * `container: 'mpegts'`, to an `srt://` URL, it is an SRT caller.
 * With `clock`, the wall clock is burnt into every frame (for reading latency off the picture);
 * with `audio`, a 440 Hz tone goes with it as AAC, as OBS always sends. With `audio: 'announced'`
 * the metadata and an AAC sequence header name a track of which no frame ever comes (its source
 * is trimmed to nothing, so the encoder is set up but never fed), as from a dead sound card.
 */
export function publish(
  url: string,
  options: {
    size?: string;
    clock?: boolean;
    seconds?: number;
    audio?: boolean | 'announced';
    container?: 'flv' | 'mpegts';
  } = {},
): Publisher {
  const clock = options.clock
    ? [
        '-vf',
        "drawtext=text='%{localtime\\:%T}.%{eif\\:mod(t*1000,1000)\\:d\\:3}':fontsize=40:fontcolor=white:box=1:boxcolor=black:x=10:y=10",
      ]
    : [];
  const child = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=${options.size ?? '640x360'}:rate=30`],
      ...(options.audio === 'announced'
        ? ['-f', 'lavfi', '-i', 'anullsrc=sample_rate=48000,atrim=end_sample=0']
        : options.audio
          ? ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']
          : []),
      ...(options.seconds ? ['-t', String(options.seconds)] : []),
      ...clock,
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30'],
      ...(options.audio ? ['-c:a', 'aac', '-b:a', '64k'] : []),
      // Sent as it is made: the muxer holds no picture back waiting for sound that never comes.
      ...(options.audio === 'announced' ? ['-max_interleave_delta', '100000'] : []),
      ...['-f', options.container ?? 'flv', url],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  return {
    process: child,
    exited,
    stderr: () => stderr,
    stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** How long an encoder waits before it tries again (OBS's default retry delay is 2 s). */
const RETRY_DELAY_MS = 1000;

export interface ReconnectingPublisher {
  /** How many times ffmpeg was started: the first connection and every retry. */
  attempts(): number;
  stop(): Promise<void>;
}

/**
 * A publisher that reconnects as an encoder does: each time ffmpeg gives up (the server went,
 * or refused it), it starts again after the retry delay, until stopped.
 */
export function publishReconnecting(
  url: string,
  options: Parameters<typeof publish>[1] = {},
): ReconnectingPublisher {
  let stopped = false;
  let attempts = 0;
  let current: Publisher;
  const connect = () => {
    attempts += 1;
    current = publish(url, options);
    current.exited.then(() => {
      if (!stopped) setTimeout(() => stopped || connect(), RETRY_DELAY_MS);
    });
  };
  connect();
  return {
    attempts: () => attempts,
    async stop() {
      stopped = true;
      await current.stop();
    },
  };
}

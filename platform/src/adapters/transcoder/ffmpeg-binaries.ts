import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  try {
    execFileSync(name, ['-version'], { stdio: 'ignore' });
    return name;
  } catch {
    return undefined;
  }
}

function fromPackage(pkg: string): string | undefined {
  try {
    return (require(pkg) as { path: string }).path;
  } catch {
    return undefined;
  }
}

/** ffmpeg and ffprobe as configured, else from PATH, else from the npm packages that ship them. */
export function findFfmpeg(configured: { ffmpegPath?: string; ffprobePath?: string } = {}): {
  ffmpeg: string;
  ffprobe: string;
} {
  const ffmpeg =
    configured.ffmpegPath ?? onPath('ffmpeg') ?? fromPackage('@ffmpeg-installer/ffmpeg');
  const ffprobe =
    configured.ffprobePath ?? onPath('ffprobe') ?? fromPackage('@ffprobe-installer/ffprobe');
  if (!ffmpeg || !ffprobe) {
    throw new Error(
      'ffmpeg/ffprobe not found: install ffmpeg (apt-get install ffmpeg) or set FFMPEG_PATH',
    );
  }
  return { ffmpeg, ffprobe };
}

// First start: a few channels with short clips made by ffmpeg, so the site has something to
// browse. Uploaded with the SDK like any tenant's back office would; marked done once sent.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { uploadFile } from '@reel/sdk/node';
import { ensureUser } from './pages/account.mjs';

const FRAME = 'size=320x180:rate=25';
const CLIPS = [
  { user: 'ada', title: 'Colour bars at dawn', source: `smptehdbars=${FRAME}` },
  { user: 'ada', title: 'A tour of the test pattern', source: `testsrc2=${FRAME}` },
  { user: 'grace', title: 'Mandelbrot in four seconds', source: `mandelbrot=${FRAME}` },
  { user: 'grace', title: 'The game of life, briefly', source: `life=${FRAME}:mold=10:ratio=0.2` },
  { user: 'linus', title: 'Every colour at once', source: `rgbtestsrc=${FRAME}` },
];

/** A 4 s 320x180 clip with a tone: one small rendition, quick to transcode. */
async function makeClip(folder, { source }, at) {
  const path = join(folder, `clip-${at}.mp4`);
  // The same ffmpeg Reel uses when FFMPEG_PATH names one.
  await promisify(execFile)(process.env.FFMPEG_PATH ?? 'ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', source],
    ...['-f', 'lavfi', '-i', `sine=frequency=${330 + at * 110}:duration=4`],
    ...[
      '-t',
      '4',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
    ],
    path,
  ]);
  return path;
}

export async function seed(site) {
  const folder = await mkdtemp(join(tmpdir(), 'reel-video-site-seed-'));
  try {
    console.log(
      `Seeding ${CLIPS.length} videos on ${new Set(CLIPS.map((c) => c.user)).size} channels…`,
    );
    for (const [at, clip] of CLIPS.entries()) {
      const user = await ensureUser(site, clip.user);
      const path = await makeClip(folder, clip, at);
      const video = await uploadFile(site.connection.reel, path, {
        title: clip.title,
        channelId: user.channelId,
      });
      site.store.recordUpload(video.video_id, clip.user);
    }
    site.store.data.seeded = true;
    site.store.save();
    console.log('Seeded: the videos play once transcoded (a few seconds each).');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

import type { RenditionLevel } from './level-labels.js';
import { playbackError } from './playback-errors.js';
import type { PlaybackSource, PlaybackSourceOptions } from './playback-source.js';

/** dash.js error codes for a request that failed (manifest, init or media segment). */
const DOWNLOAD_ERRORS = new Set([10, 25, 27, 28]);

/**
 * Plays Reel's MPD through dash.js, imported only now: a page that never asks for
 * `format="dash"` never downloads it. The MPD's segment URLs already carry the stream signature.
 */
export async function startDashPlayback(
  video: HTMLVideoElement,
  { manifestUrl, startAt, autoLoad, listener }: PlaybackSourceOptions,
): Promise<PlaybackSource> {
  const { MediaPlayer } = await import('dashjs');
  const player = MediaPlayer().create();
  let failed = false;
  let selected = -1;
  player.on('error', (event: { error?: { code?: number } | string }) => {
    if (failed) return;
    failed = true;
    const code = typeof event.error === 'object' ? event.error.code : undefined;
    listener.onFailure(playbackError(DOWNLOAD_ERRORS.has(code ?? -1) ? 'network' : 'media'));
  });
  const levelsChanged = () => listener.onLevelsChanged();
  player.on('streamInitialized', levelsChanged);
  player.on('qualityChangeRendered', levelsChanged);
  const start = startAt !== undefined && startAt > 0 ? startAt : undefined;
  let loadStarted = autoLoad;
  if (autoLoad) player.initialize(video, manifestUrl, false, start);
  else player.initialize(video);
  const videoLevels = () => player.getRepresentationsByType('video');

  return {
    engine: 'dash.js',
    get levels(): readonly RenditionLevel[] {
      return videoLevels().map(({ height, width, bandwidth }) => ({
        height,
        width,
        bitrate: bandwidth,
      }));
    },
    get selectedLevel() {
      return selected;
    },
    set selectedLevel(level: number) {
      selected = level;
      player.updateSettings({
        streaming: { abr: { autoSwitchBitrate: { video: level < 0 } } },
      });
      if (level >= 0) player.setRepresentationForTypeByIndex('video', level, true);
      listener.onLevelsChanged();
    },
    get playingLevel() {
      return player.getCurrentRepresentationForType('video')?.index ?? -1;
    },
    startLoad() {
      if (loadStarted) return;
      loadStarted = true;
      player.attachSource(manifestUrl, start);
    },
    stop: () => player.reset(),
    destroy: () => player.destroy(),
  };
}

/**
 * `native`: the browser plays HLS itself; `hls.js`: Media Source Extensions driven by hls.js;
 * `dash.js`: the MPEG-DASH manifest through dash.js (only with `format="dash"`).
 */
export type PlaybackEngine = 'native' | 'hls.js' | 'dash.js' | 'none';

export interface EngineSupport {
  /** `video.canPlayType('application/vnd.apple.mpegurl')` is non-empty. */
  nativeHls: boolean;
  /** MediaSource or ManagedMediaSource exists. */
  mediaSource: boolean;
  /** Safari / iOS WebKit, whose native HLS is the reference implementation. */
  appleWebKit: boolean;
  /** The `prefer-playback` attribute, if the page chose. */
  preference?: 'native' | 'mse' | null;
}

/**
 * Native HLS wherever it is the platform's own (Safari, iOS: no hls.js download, AirPlay, better
 * battery). Chromium has started to answer `canPlayType` for HLS too, but without rendition control,
 * so there hls.js (MSE) still wins and the quality menu works.
 */
export function choosePlaybackEngine(support: EngineSupport): PlaybackEngine {
  if (support.preference === 'native' && support.nativeHls) return 'native';
  if (support.preference === 'mse' && support.mediaSource) return 'hls.js';
  if (support.nativeHls && (support.appleWebKit || !support.mediaSource)) return 'native';
  if (support.mediaSource) return 'hls.js';
  return support.nativeHls ? 'native' : 'none';
}

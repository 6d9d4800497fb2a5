import { ReelPlayer } from './reel-player.js';

export type { PlaybackError, PlaybackErrorCode } from './playback-errors.js';
export type { TokenProvider } from './playback-token.js';
export {
  MEDIA_EVENTS,
  type PlayerLevel,
  ReelPlayer,
  type ReelPlayerErrorDetail,
  type TokenExpiredDetail,
} from './reel-player.js';

/** Registers `<reel-player>` (or another tag name); importing this module already does it once. */
export function defineReelPlayer(tagName = 'reel-player'): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(
    tagName,
    tagName === 'reel-player' ? ReelPlayer : class extends ReelPlayer {},
  );
}

defineReelPlayer();

declare global {
  interface HTMLElementTagNameMap {
    'reel-player': ReelPlayer;
  }
}

/** What a key press asks the player to do. */
export type PlayerCommand =
  | { type: 'toggle-play' }
  | { type: 'seek-by'; seconds: number }
  | { type: 'seek-to-fraction'; fraction: number }
  | { type: 'volume-by'; delta: number }
  | { type: 'toggle-mute' }
  | { type: 'toggle-fullscreen' }
  | { type: 'toggle-captions' };

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Where focus is decides which keys belong to the focused control rather than the player. */
export type FocusContext = 'player' | 'button' | 'volume-slider' | 'menu';

export const SEEK_STEP_SECONDS = 5;
export const LONG_SEEK_STEP_SECONDS = 10;
export const VOLUME_STEP = 0.05;

/**
 * The YouTube-style shortcuts viewers already know. Space and Enter on a focused button activate the
 * button instead (that is what a keyboard user expects), and browser shortcuts with modifiers pass.
 */
export function commandForKey(
  press: KeyPress,
  focus: FocusContext = 'player',
): PlayerCommand | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (focus === 'menu') return undefined;
  const onVolume = focus === 'volume-slider';
  switch (press.key) {
    case ' ':
    case 'Spacebar':
      return focus === 'button' ? undefined : { type: 'toggle-play' };
    case 'k':
    case 'K':
      return { type: 'toggle-play' };
    case 'ArrowLeft':
      return onVolume
        ? { type: 'volume-by', delta: -VOLUME_STEP }
        : { type: 'seek-by', seconds: -SEEK_STEP_SECONDS };
    case 'ArrowRight':
      return onVolume
        ? { type: 'volume-by', delta: VOLUME_STEP }
        : { type: 'seek-by', seconds: SEEK_STEP_SECONDS };
    case 'j':
    case 'J':
      return { type: 'seek-by', seconds: -LONG_SEEK_STEP_SECONDS };
    case 'l':
    case 'L':
      return { type: 'seek-by', seconds: LONG_SEEK_STEP_SECONDS };
    case 'ArrowUp':
      return { type: 'volume-by', delta: VOLUME_STEP };
    case 'ArrowDown':
      return { type: 'volume-by', delta: -VOLUME_STEP };
    case 'Home':
      return onVolume ? undefined : { type: 'seek-to-fraction', fraction: 0 };
    case 'End':
      return onVolume ? undefined : { type: 'seek-to-fraction', fraction: 1 };
    case 'f':
    case 'F':
      return { type: 'toggle-fullscreen' };
    case 'm':
    case 'M':
      return { type: 'toggle-mute' };
    case 'c':
    case 'C':
      return { type: 'toggle-captions' };
    default:
      if (/^[0-9]$/.test(press.key))
        return { type: 'seek-to-fraction', fraction: Number(press.key) / 10 };
      return undefined;
  }
}

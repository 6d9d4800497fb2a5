import {
  CAPTIONS_OFF,
  preferredCaptionTrack,
  rememberCaptionChoice,
  rememberedCaptionChoice,
} from '../caption-preference.js';
import { iconSvg } from '../player-icons.js';
import type { ControlledPlayer } from './controlled-player.js';
import { MenuButton } from './menu-button.js';

const OFF = CAPTIONS_OFF;

const isCaptionTrack = (track: TextTrack) =>
  track.kind === 'subtitles' || track.kind === 'captions';

/**
 * Lists the video's subtitle and caption tracks; shown only when it has some. When tracks
 * first appear it shows the one the viewer chose before in this browser, or one in their
 * language, else leaves the video's default; a choice from the menu is remembered.
 */
export class CaptionsMenu {
  readonly #menu: MenuButton;
  readonly #wrap: HTMLElement;
  readonly #player: ControlledPlayer;
  /** The last track shown, so the `c` shortcut can turn captions back on in the same language. */
  #lastShown = 0;
  /** Whether the viewer's preference was applied to this set of tracks yet. */
  #preferenceApplied = false;

  constructor(wrap: HTMLElement, player: ControlledPlayer) {
    this.#wrap = wrap;
    this.#player = player;
    this.#menu = new MenuButton(wrap, {
      name: 'captions',
      label: 'Captions',
      onSelect: (value) => this.choose(value === OFF ? undefined : Number(value)),
    });
    this.update();
  }

  #tracks(): TextTrack[] {
    return [...(this.#player.textTracks ?? [])].filter(isCaptionTrack);
  }

  /** Shows the track at `index` (of the caption tracks) and hides the others. */
  show(index: number | undefined): void {
    this.#tracks().forEach((track, at) => {
      track.mode = at === index ? 'showing' : 'disabled';
    });
    if (index !== undefined) this.#lastShown = index;
    this.update();
  }

  /** Shows a track the viewer picked, and remembers its language (or `off`) for next time. */
  choose(index: number | undefined): void {
    this.show(index);
    const track = index === undefined ? undefined : this.#tracks()[index];
    rememberCaptionChoice(track ? track.language || OFF : OFF);
  }

  toggle(): void {
    const showing = this.#tracks().some((track) => track.mode === 'showing');
    this.choose(showing ? undefined : this.#lastShown);
  }

  #applyPreference(tracks: TextTrack[]): void {
    this.#preferenceApplied = true;
    const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? ''];
    const preferred = preferredCaptionTrack(tracks, rememberedCaptionChoice(), languages);
    if (preferred === OFF) this.show(undefined);
    else if (preferred !== undefined) this.show(preferred);
  }

  update(): void {
    const tracks = this.#tracks();
    if (tracks.length === 0) this.#preferenceApplied = false;
    else if (!this.#preferenceApplied) this.#applyPreference(tracks);
    this.#wrap.hidden = tracks.length === 0;
    const showing = tracks.findIndex((track) => track.mode === 'showing');
    this.#menu.setOptions(
      [
        { value: OFF, label: 'Off' },
        ...tracks.map((track, index) => ({
          value: String(index),
          label: track.label || track.language || `Track ${index + 1}`,
        })),
      ],
      showing === -1 ? OFF : String(showing),
    );
    const current = tracks[showing];
    this.#menu.setButtonIcon(
      iconSvg('captions'),
      current ? current.label || current.language || 'On' : 'Off',
    );
  }

  close(): void {
    this.#menu.close(false);
  }

  get isOpen(): boolean {
    return this.#menu.isOpen;
  }
}

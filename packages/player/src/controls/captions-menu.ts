import { iconSvg } from '../player-icons.js';
import type { ControlledPlayer } from './controlled-player.js';
import { MenuButton } from './menu-button.js';

const OFF = 'off';

const isCaptionTrack = (track: TextTrack) =>
  track.kind === 'subtitles' || track.kind === 'captions';

/** Lists the video's subtitle and caption tracks; shown only when it has some. */
export class CaptionsMenu {
  readonly #menu: MenuButton;
  readonly #wrap: HTMLElement;
  readonly #player: ControlledPlayer;
  /** The last track shown, so the `c` shortcut can turn captions back on in the same language. */
  #lastShown = 0;

  constructor(wrap: HTMLElement, player: ControlledPlayer) {
    this.#wrap = wrap;
    this.#player = player;
    this.#menu = new MenuButton(wrap, {
      name: 'captions',
      label: 'Captions',
      onSelect: (value) => this.show(value === OFF ? undefined : Number(value)),
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

  toggle(): void {
    const showing = this.#tracks().some((track) => track.mode === 'showing');
    this.show(showing ? undefined : this.#lastShown);
  }

  update(): void {
    const tracks = this.#tracks();
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

import type { ControlledPlayer } from './controlled-player.js';
import { MenuButton } from './menu-button.js';

/** Auto plus one entry per rendition; hidden where the browser picks renditions itself. */
export class QualityMenu {
  readonly #menu: MenuButton;
  readonly #wrap: HTMLElement;
  readonly #player: ControlledPlayer;

  constructor(wrap: HTMLElement, player: ControlledPlayer) {
    this.#wrap = wrap;
    this.#player = player;
    this.#menu = new MenuButton(wrap, {
      name: 'quality',
      label: 'Quality',
      onSelect: (value) => {
        player.currentLevel = Number(value);
      },
    });
    this.update();
  }

  update(): void {
    const options = this.#player.qualityOptions;
    // Only "Auto" means there is nothing to choose between.
    this.#wrap.hidden = options.length <= 2;
    const selected = String(this.#player.currentLevel);
    this.#menu.setOptions(
      options.map(({ level, label }) => ({
        value: String(level),
        label: level === -1 ? this.#player.currentQualityLabel : label,
      })),
      selected,
    );
    const chosen = options.find(({ level }) => String(level) === selected);
    const isAuto = !chosen || chosen.level === -1;
    this.#menu.setButtonText(
      isAuto ? 'Auto' : chosen.label,
      isAuto ? this.#player.currentQualityLabel : chosen.label,
    );
  }

  close(): void {
    this.#menu.close(false);
  }

  get isOpen(): boolean {
    return this.#menu.isOpen;
  }
}

import { findStoryboardTile, type StoryboardTile } from '../storyboard.js';
import { formatTime, formatTimeForSpeech } from '../time-format.js';
import type { ControlledPlayer } from './controlled-player.js';

/** Widest preview tile; larger storyboard tiles are scaled down to this. */
const MAX_PREVIEW_WIDTH = 180;

/**
 * The seek slider (a native range input, so it is a real slider to assistive technology) with the
 * buffered range drawn in its track and a storyboard thumbnail over the hovered time.
 */
export class SeekBar {
  readonly #input: HTMLInputElement;
  readonly #preview: HTMLElement;
  readonly #previewImage: HTMLElement;
  readonly #previewTime: HTMLElement;
  readonly #player: ControlledPlayer;
  readonly #loadStoryboard: () => Promise<readonly StoryboardTile[]>;
  #tiles: readonly StoryboardTile[] = [];
  /** While the thumb is held, playback position updates must not move it under the pointer. */
  #dragging = false;
  /** The hovered time, so a storyboard that arrives mid-hover shows at once. */
  #hoverTime: number | undefined;
  #storyboardRequested = false;

  constructor(
    root: ShadowRoot,
    player: ControlledPlayer,
    loadStoryboard: () => Promise<readonly StoryboardTile[]>,
  ) {
    this.#input = root.querySelector<HTMLInputElement>('.seek-bar') as HTMLInputElement;
    this.#preview = root.querySelector<HTMLElement>('.preview') as HTMLElement;
    this.#previewImage = root.querySelector<HTMLElement>('.preview-image') as HTMLElement;
    this.#previewTime = root.querySelector<HTMLElement>('.preview-time') as HTMLElement;
    this.#player = player;
    this.#loadStoryboard = loadStoryboard;

    const seekArea = this.#input.parentElement as HTMLElement;
    this.#input.addEventListener('pointerdown', () => {
      this.#dragging = true;
    });
    this.#input.addEventListener('input', () => {
      this.#paintProgress(Number(this.#input.value));
      if (this.#dragging) this.#showPreviewAt(Number(this.#input.value));
    });
    this.#input.addEventListener('change', () => {
      this.#dragging = false;
      player.currentTime = Number(this.#input.value);
      this.#hidePreview();
    });
    this.#input.addEventListener('pointerup', () => {
      this.#dragging = false;
    });
    // Arrows, Home and End bubble on to the player's shortcuts (5 s steps, volume on up/down); the
    // slider's native steps would be 1 s, and the two would both apply.
    this.#input.addEventListener('keydown', (event) => {
      if (event.key.startsWith('Arrow') || event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
      }
    });
    seekArea.addEventListener('pointermove', (event) => {
      const rect = this.#input.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
      this.#hoverTime = fraction * this.#duration();
      this.#showPreviewAt(this.#hoverTime);
      void this.#ensureStoryboard();
    });
    seekArea.addEventListener('pointerleave', () => {
      this.#hoverTime = undefined;
      if (!this.#dragging) this.#hidePreview();
    });
    for (const type of ['timeupdate', 'durationchange', 'progress', 'seeking', 'emptied']) {
      player.addEventListener(type, () => this.update());
    }
    this.update();
  }

  #duration(): number {
    const duration = this.#player.duration;
    return Number.isFinite(duration) ? duration : 0;
  }

  /** The storyboard is fetched on the first hover: most views never touch the seek bar. */
  async #ensureStoryboard(): Promise<void> {
    if (this.#storyboardRequested) return;
    this.#storyboardRequested = true;
    try {
      this.#tiles = await this.#loadStoryboard();
      if (this.#hoverTime !== undefined) this.#showPreviewAt(this.#hoverTime);
    } catch {
      this.#storyboardRequested = false; // previews are a nicety: try again on a later hover
    }
  }

  /** A new video: forget the previous one's tiles. */
  reset(): void {
    this.#tiles = [];
    this.#storyboardRequested = false;
  }

  #showPreviewAt(time: number): void {
    const duration = this.#duration();
    if (duration <= 0) return;
    this.#preview.hidden = false;
    this.#previewTime.textContent = formatTime(time, duration);
    const tile = findStoryboardTile(this.#tiles, time);
    let previewWidth = 60;
    if (tile) {
      const scale = Math.min(1, MAX_PREVIEW_WIDTH / tile.width);
      const style = this.#previewImage.style;
      previewWidth = tile.width * scale;
      style.width = `${previewWidth}px`;
      style.height = `${tile.height * scale}px`;
      style.backgroundImage = `url("${tile.imageUrl}")`;
      style.backgroundPosition = `${-tile.x * scale}px ${-tile.y * scale}px`;
      // Scaling the tile means scaling the whole sprite; its natural size is unknown until loaded,
      // so the tile grid is assumed to start at 0,0 and the sprite sized from the farthest tile.
      const spriteWidth = Math.max(...this.#tiles.map((t) => t.x + t.width));
      const spriteHeight = Math.max(...this.#tiles.map((t) => t.y + t.height));
      style.backgroundSize = `${spriteWidth * scale}px ${spriteHeight * scale}px`;
      this.#previewImage.hidden = false;
    } else {
      this.#previewImage.hidden = true;
    }
    // Keep the preview inside the player at both ends of the bar.
    const bar = this.#input.getBoundingClientRect();
    const area = (this.#input.parentElement as HTMLElement).getBoundingClientRect();
    const x = bar.left - area.left + (time / duration) * bar.width;
    const half = previewWidth / 2 + 2;
    this.#preview.style.left = `${Math.min(area.width - half, Math.max(half, x))}px`;
  }

  #hidePreview(): void {
    this.#preview.hidden = true;
  }

  #paintProgress(time: number): void {
    const duration = this.#duration();
    const percent = duration > 0 ? (time / duration) * 100 : 0;
    this.#input.style.setProperty('--progress', `${percent}%`);
  }

  update(): void {
    const duration = this.#duration();
    const time = this.#player.currentTime;
    this.#input.max = String(duration);
    if (!this.#dragging) {
      this.#input.value = String(time);
      this.#paintProgress(time);
    }
    this.#input.setAttribute(
      'aria-valuetext',
      `${formatTimeForSpeech(time)} of ${formatTimeForSpeech(duration)}`,
    );
    const buffered = this.#player.buffered;
    let bufferedEnd = 0;
    if (buffered) {
      for (let index = 0; index < buffered.length; index += 1) {
        if (buffered.start(index) <= time + 0.5)
          bufferedEnd = Math.max(bufferedEnd, buffered.end(index));
      }
    }
    this.#input.style.setProperty(
      '--buffered',
      `${duration > 0 ? (Math.min(bufferedEnd, duration) / duration) * 100 : 0}%`,
    );
  }
}

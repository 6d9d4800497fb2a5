export interface MenuOption {
  value: string;
  label: string;
}

export interface MenuButtonOptions {
  /** Used for parts (`{name}-button`, `{name}-menu`) and ids. */
  name: string;
  /** What the menu chooses, for screen readers ("Quality"). */
  label: string;
  onSelect: (value: string) => void;
}

/**
 * A button that opens a single-choice menu (WAI-ARIA menu button pattern): arrows move between
 * items, Escape closes and returns focus to the button, and the checked item is announced.
 */
export class MenuButton {
  readonly button: HTMLButtonElement;
  readonly menu: HTMLElement;
  readonly #wrap: HTMLElement;
  readonly #options: MenuButtonOptions;
  #selected = '';

  constructor(wrap: HTMLElement, options: MenuButtonOptions) {
    this.#wrap = wrap;
    this.#options = options;
    const document = wrap.ownerDocument;
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'menu-button';
    this.button.setAttribute('part', `menu-button ${options.name}-button`);
    this.button.setAttribute('aria-haspopup', 'menu');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', `${options.name}-menu`);
    this.menu = document.createElement('div');
    this.menu.className = 'menu';
    this.menu.id = `${options.name}-menu`;
    this.menu.setAttribute('role', 'menu');
    this.menu.setAttribute('part', `menu ${options.name}-menu`);
    this.menu.setAttribute('aria-label', options.label);
    this.menu.hidden = true;
    wrap.append(this.button, this.menu);

    this.button.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
    this.menu.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('[role="menuitemradio"]');
      if (!item?.dataset.value) return;
      this.#options.onSelect(item.dataset.value);
      this.close(true);
    });
    this.menu.addEventListener('keydown', (event) => this.#onMenuKey(event));
    this.button.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault();
        this.open();
      }
    });
    // Clicking anywhere else in the player closes the menu, as a native select would.
    wrap.getRootNode().addEventListener('pointerdown', (event) => {
      if (this.isOpen && !event.composedPath().includes(this.#wrap)) this.close(false);
    });
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  /** Replaces the items; `selected` is the checked value. */
  setOptions(options: readonly MenuOption[], selected: string): void {
    this.#selected = selected;
    const items = options.map(({ value, label }) => {
      const item = this.menu.ownerDocument.createElement('button');
      item.type = 'button';
      item.setAttribute('role', 'menuitemradio');
      item.setAttribute('part', 'menu-item');
      item.setAttribute('aria-checked', String(value === selected));
      item.tabIndex = -1;
      item.dataset.value = value;
      item.textContent = label;
      return item;
    });
    this.menu.replaceChildren(...items);
  }

  /** The button's visible text and its accessible name ("Quality: 720p"). */
  setButtonText(text: string, spokenValue: string = text): void {
    this.button.textContent = text;
    this.button.setAttribute('aria-label', `${this.#options.label}: ${spokenValue}`);
  }

  /** Puts an icon in the button instead of text. */
  setButtonIcon(svg: string, spokenValue: string): void {
    this.button.innerHTML = svg;
    this.button.setAttribute('aria-label', `${this.#options.label}: ${spokenValue}`);
  }

  open(): void {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const checked = this.#items().find((item) => item.dataset.value === this.#selected);
    (checked ?? this.#items()[0])?.focus();
  }

  close(returnFocus: boolean): void {
    if (!this.isOpen) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.button.focus();
  }

  #items(): HTMLElement[] {
    return [...this.menu.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
  }

  #onMenuKey(event: KeyboardEvent): void {
    const items = this.#items();
    const at = items.indexOf(event.target as HTMLElement);
    const focusAt = (index: number) => items[(index + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(at + 1);
        break;
      case 'ArrowUp':
        focusAt(at - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(items.length - 1);
        break;
      case 'Escape':
        this.close(true);
        break;
      case 'Tab':
        this.close(false);
        return; // let Tab move focus on
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
}

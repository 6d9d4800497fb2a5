/** Where the viewer's last captions choice is kept: a language tag, or `off`. */
const STORAGE_KEY = 'reel-player:captions';

export const CAPTIONS_OFF = 'off';

/** The choice kept in this browser, if storage can be read (private modes may refuse). */
export function rememberedCaptionChoice(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberCaptionChoice(choice: string): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, choice);
  } catch {
    // Not kept: the next page picks by language again.
  }
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

/**
 * Which caption track to show first: the language chosen here before (or none, if captions
 * were turned off), else one in a language the browser says the viewer reads (exact tag, then
 * the same primary language), else undefined, leaving the video's default as it is.
 */
export function preferredCaptionTrack(
  tracks: readonly { language: string }[],
  remembered: string | undefined,
  viewerLanguages: readonly string[],
): number | typeof CAPTIONS_OFF | undefined {
  if (remembered === CAPTIONS_OFF) return CAPTIONS_OFF;
  const wanted = remembered ? [remembered, ...viewerLanguages] : viewerLanguages;
  for (const language of wanted) {
    if (!language) continue;
    const exact = tracks.findIndex((t) => t.language.toLowerCase() === language.toLowerCase());
    if (exact >= 0) return exact;
    const close = tracks.findIndex((t) => primary(t.language) === primary(language));
    if (close >= 0) return close;
  }
  return undefined;
}

/**
 * Playlists this process has read, by object key. A key's content never changes (a retried
 * transcode rewrites the same bytes) and access is checked on every request before this is read,
 * so entries need no expiry: only a bound, oldest out first. One per Context.
 */
export class PlaylistMemory {
  private readonly texts = new Map<string, string>();

  constructor(private readonly maxEntries = 5000) {}

  get(key: string): string | undefined {
    return this.texts.get(key);
  }

  set(key: string, text: string) {
    if (this.texts.size >= this.maxEntries) this.texts.delete(this.texts.keys().next().value ?? '');
    this.texts.set(key, text);
  }
}

/** One storyboard tile: the part of the sprite image that previews the time range [start, end). */
export interface StoryboardTile {
  start: number;
  end: number;
  imageUrl: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const TIMESTAMP = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** A WebVTT timestamp (`hh:mm:ss.ttt` or `mm:ss.ttt`) in seconds, or undefined if malformed. */
export function parseVttTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0', millis = '0'] = match;
  return (
    Number(hours) * 3600 +
    Number(minutes) * 60 +
    Number(seconds) +
    Number(millis.padEnd(3, '0')) / 1000
  );
}

/**
 * Reads a storyboard WebVTT whose cue payloads are `image.jpg#xywh=x,y,w,h`. Image URLs are resolved
 * against the VTT's own URL (the server writes them relative), so a CDN or signed prefix carries over.
 * Malformed cues are skipped rather than failing the whole preview.
 */
export function parseStoryboardVtt(text: string, vttUrl: string): StoryboardTile[] {
  const tiles: StoryboardTile[] = [];
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    const timingIndex = lines.findIndex((line) => line.includes('-->'));
    if (timingIndex === -1) continue;
    const [startText = '', endText = ''] = (lines[timingIndex] ?? '').split('-->');
    // Cue settings may follow the end time ("00:05.000 line:0"): keep only the timestamp.
    const start = parseVttTimestamp(startText);
    const end = parseVttTimestamp(endText.trim().split(/\s+/)[0] ?? '');
    const payload = lines[timingIndex + 1]?.trim();
    if (start === undefined || end === undefined || !payload) continue;
    const hashAt = payload.lastIndexOf('#xywh=');
    if (hashAt === -1) continue;
    const box = payload
      .slice(hashAt + '#xywh='.length)
      .split(',')
      .map(Number);
    if (box.length !== 4 || box.some((n) => !Number.isFinite(n))) continue;
    const [x = 0, y = 0, width = 0, height = 0] = box;
    let imageUrl: string;
    try {
      imageUrl = new URL(payload.slice(0, hashAt), vttUrl).href;
    } catch {
      continue;
    }
    tiles.push({ start, end, imageUrl, x, y, width, height });
  }
  return tiles.sort((a, b) => a.start - b.start);
}

/** The tile covering `time` (binary search; tiles are sorted), or the last one past the end. */
export function findStoryboardTile(
  tiles: readonly StoryboardTile[],
  time: number,
): StoryboardTile | undefined {
  if (tiles.length === 0) return undefined;
  let low = 0;
  let high = tiles.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((tiles[middle]?.start ?? 0) <= time) low = middle;
    else high = middle - 1;
  }
  return tiles[low];
}

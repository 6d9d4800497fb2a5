/** A sprite of small frames for seek previews, and the WebVTT that maps times to tiles. */
export interface StoryboardPlan {
  intervalSec: number;
  tiles: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

const MAX_TILES = 100;
const COLUMNS = 10;
const TILE_WIDTH = 160;

export function planStoryboard(width: number, height: number, durationSec: number): StoryboardPlan {
  const intervalSec = Math.max(1, Math.ceil(durationSec / MAX_TILES));
  const tiles = Math.max(1, Math.ceil(durationSec / intervalSec));
  const columns = Math.min(COLUMNS, tiles);
  const tileHeight = 2 * Math.round((TILE_WIDTH * height) / width / 2);
  return {
    intervalSec,
    tiles,
    columns,
    rows: Math.ceil(tiles / columns),
    tileWidth: TILE_WIDTH,
    tileHeight,
  };
}

const clock = (sec: number) => {
  const ms = Math.round(sec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
};

export function storyboardVtt(plan: StoryboardPlan, durationSec: number, image: string): string {
  const cues = ['WEBVTT', ''];
  for (let i = 0; i < plan.tiles; i++) {
    const start = i * plan.intervalSec;
    const end = Math.min((i + 1) * plan.intervalSec, durationSec);
    const x = (i % plan.columns) * plan.tileWidth;
    const y = Math.floor(i / plan.columns) * plan.tileHeight;
    cues.push(`${clock(start)} --> ${clock(end)}`);
    cues.push(`${image}#xywh=${x},${y},${plan.tileWidth},${plan.tileHeight}`, '');
  }
  return cues.join('\n');
}

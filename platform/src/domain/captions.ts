import webvtt, { type WebVttCue, type WebVttNode } from 'webvtt-parser';
import entities from 'webvtt-parser/html-entities.json' with { type: 'json' };
import { ReelError } from './errors.js';

export const CAPTION_LIMITS = { maxBytes: 512 * 1024, maxCues: 5000 } as const;

export type CaptionFormat = 'vtt' | 'srt';

export interface CaptionTrack {
  /** The WebVTT Reel stores and serves: cue timings, positions and WebVTT markup only. */
  vtt: string;
  cueCount: number;
  /** When the last cue ends. */
  durationSec: number;
}

/** The WebVTT tags kept; any other tag goes, its text stays. */
const KEPT_TAGS = new Set(['b', 'i', 'u', 'c', 'v', 'lang']);

/**
 * The parser's complaints that make a cue unreadable (its timing line or its place in the file).
 * The rest are about markup or settings, which are dropped instead.
 */
const REFUSED = [
  'No valid signature',
  'Cue identifier',
  'No timestamp',
  'Timestamp must start',
  'No time unit',
  'Must be exactly two',
  'No seconds',
  'No decimal',
  'Milliseconds',
  'You cannot have more than',
  'Timestamp not separated',
  'No valid timestamp separator',
  "'-->' not separated",
  'End timestamp is not greater',
  'Timestamp must not have trailing',
];

const invalid = (line: number, message: string) =>
  new ReelError(422, 'invalid_captions', `Line ${line}: ${message}`, { line });

const tooManyCues = (cues: number) =>
  new ReelError(422, 'too_many_cues', `At most ${CAPTION_LIMITS.maxCues} cues`, {
    max_cues: CAPTION_LIMITS.maxCues,
    cues,
  });

/** SRT's timing line, with a comma before the milliseconds and perhaps one-digit hours. */
const SRT_TIME = /(\d{1,3}):(\d{2}):(\d{2})[,.](\d{3})/g;

/**
 * SRT becomes WebVTT text line for line (after a two-line header), so a refusal can name the
 * SRT's own line: timings get a dot and two-digit hours, trailing coordinates and the `{\an8}`
 * positioning codes of ASS-flavoured files go.
 */
function srtAsWebVtt(lines: string[]): string[] {
  const converted = lines.map((line) => {
    if (!line.includes('-->')) return line.replace(/\{\\[^}]*\}/g, '');
    const times = [...line.matchAll(SRT_TIME)];
    if (times.length !== 2) return line;
    return times
      .map(([, h, m, s, ms]) => `${(h ?? '').padStart(2, '0')}:${m}:${s}.${ms}`)
      .join(' --> ');
  });
  return ['WEBVTT', '', ...converted];
}

const escapeText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Cue text from the parsed tree: kept tags with safe class names, every other node as text. */
function serializeNodes(nodes: WebVttNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escapeText(node.value);
      if (node.type === 'timestamp') return '';
      const inner = serializeNodes(node.children);
      if (!KEPT_TAGS.has(node.name)) return inner;
      const classes = node.classes
        .filter((c) => /^[A-Za-z0-9_-]{1,40}$/.test(c))
        .map((c) => `.${c}`)
        .join('');
      const annotation = node.value ? ` ${escapeText(node.value.replace(/\s+/g, ' '))}` : '';
      return `<${node.name}${classes}${annotation}>${inner}</${node.name}>`;
    })
    .join('');
}

function timestamp(sec: number): string {
  const ms = Math.round(sec * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  return `${pad(h)}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

function cueSettings(cue: WebVttCue): string {
  const settings = [
    cue.linePosition !== 'auto' && `line:${cue.linePosition}%`,
    cue.textPosition !== 'auto' && `position:${cue.textPosition}%`,
    cue.size !== 100 && `size:${cue.size}%`,
    cue.alignment !== 'center' && `align:${cue.alignment}`,
  ].filter(Boolean);
  return settings.length > 0 ? ` ${settings.join(' ')}` : '';
}

function serializeCue(cue: WebVttCue): string {
  // A blank line would end the cue early and start one of the viewer's making: never kept.
  const text = serializeNodes(cue.tree.children)
    .replace(/\n{2,}/g, '\n')
    .trim();
  return `${timestamp(cue.startTime)} --> ${timestamp(cue.endTime)}${cueSettings(cue)}\n${text || ' '}`;
}

/**
 * Checks a WebVTT or SRT file and writes it again as WebVTT Reel can serve to any browser:
 * malformed timings are refused with their line, markup is reduced to WebVTT's own tags,
 * STYLE, REGION, NOTE blocks and cue ids are left out. Overlapping cues are kept.
 */
export function captionTrackOf(content: string, format: CaptionFormat): CaptionTrack {
  const bytes = new TextEncoder().encode(content).length;
  if (bytes > CAPTION_LIMITS.maxBytes) {
    throw new ReelError(413, 'payload_too_large', 'The caption file is over 512 KiB', {
      max_bytes: CAPTION_LIMITS.maxBytes,
      bytes,
    });
  }
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const nul = lines.findIndex((line) => line.includes('\u0000'));
  if (nul >= 0) throw invalid(nul + 1, 'NUL character');
  // Counted before parsing, so an oversized file costs no parse.
  const cues = lines.filter((line) => line.includes('-->')).length;
  if (cues > CAPTION_LIMITS.maxCues) throw tooManyCues(cues);
  const offset = format === 'srt' ? 2 : 0;
  const text = (format === 'srt' ? srtAsWebVtt(lines) : lines).join('\n');
  const parsed = new webvtt.WebVTTParser(entities).parse(text, 'subtitles');
  const refused = parsed.errors.find((e) => REFUSED.some((start) => e.message.startsWith(start)));
  if (refused) throw invalid(Math.max(1, refused.line - offset), refused.message);
  if (parsed.cues.length === 0) throw invalid(lines.length, 'The file has no cues');
  return {
    vtt: `WEBVTT\n\n${parsed.cues.map(serializeCue).join('\n\n')}\n`,
    cueCount: parsed.cues.length,
    durationSec: Math.max(...parsed.cues.map((cue) => cue.endTime)),
  };
}

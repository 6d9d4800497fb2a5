/** `webvtt-parser` (the W3C validator's parser) ships no types: what Reel reads of it. */
declare module 'webvtt-parser' {
  export type WebVttNode =
    | { type: 'text'; value: string }
    | { type: 'timestamp'; value: number }
    | {
        type: 'object';
        name: string;
        classes: string[];
        value?: string;
        children: WebVttNode[];
      };
  export interface WebVttCue {
    startTime: number;
    endTime: number;
    alignment: string;
    linePosition: number | 'auto';
    textPosition: number | 'auto';
    size: number;
    tree: { children: WebVttNode[] };
  }
  export interface WebVttError {
    message: string;
    line: number;
    col?: number;
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(
      input: string,
      mode: 'subtitles' | 'captions' | 'metadata' | 'chapters',
    ): { cues: WebVttCue[]; errors: WebVttError[] };
  }
  const parser: { WebVTTParser: typeof WebVTTParser };
  export default parser;
}

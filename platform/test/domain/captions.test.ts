import { describe, expect, it } from 'vitest';
import { CAPTION_LIMITS, captionTrackOf } from '../../src/domain/captions.js';
import type { ReelError } from '../../src/domain/errors.js';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const e = error as ReelError;
    return { status: e.status, code: e.code, details: e.details };
  }
  throw new Error('expected a refusal');
};

const STYLED_SRT = [
  '1',
  '00:00:01,000 --> 00:00:04,000',
  '<b>Bold</b> and <font color="#ff0000">red</font>',
  '',
  '2',
  '00:00:02,500 --> 00:00:05,000 X1:10 X2:20',
  '{\\an8}<i>Overlapping</i> <script>alert(1)</script>',
  '',
].join('\r\n');

describe('captionTrackOf', () => {
  it('turns styled SRT into WebVTT, keeping WebVTT tags and overlapping cues', () => {
    const track = captionTrackOf(STYLED_SRT, 'srt');
    expect(track.vtt).toBe(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:04.000',
        '<b>Bold</b> and red',
        '',
        '00:00:02.500 --> 00:00:05.000',
        '<i>Overlapping</i> alert(1)',
        '',
      ].join('\n'),
    );
    expect(track).toMatchObject({ cueCount: 2, durationSec: 5 });
  });

  it('keeps classes, voices, languages and positions of WebVTT, and never passes HTML', () => {
    const vtt = [
      'WEBVTT',
      '',
      'STYLE',
      '::cue { color: red }',
      '',
      'intro',
      '00:01.000 --> 00:02.000 align:start line:10%',
      '<c.yellow.bad&class>Hi</c> <v Bob "x">there</v> <lang fr>oui</lang> <ruby>漢<rt>kan</rt></ruby>',
      '&lt;img src=x onerror=alert(1)&gt; &amp; <00:00:01.500>--&gt;',
      '',
    ].join('\n');
    const track = captionTrackOf(vtt, 'vtt');
    expect(track.vtt).toBe(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000 line:10% align:start',
        '<c.yellow>Hi</c> <v Bob "x">there</v> <lang fr>oui</lang> 漢kan',
        '&lt;img src=x onerror=alert(1)&gt; &amp; --&gt;',
        '',
      ].join('\n'),
    );
    expect(track.vtt).not.toContain('STYLE');
  });

  it('refuses a malformed timing with its line, in the SRT file itself', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:0x:04,000\nbad\n';
    expect(refusal(() => captionTrackOf(srt, 'srt'))).toMatchObject({
      status: 422,
      code: 'invalid_captions',
      details: { line: 6 },
    });
  });

  it('refuses a cue that ends before it starts, and a file without the WEBVTT signature', () => {
    const backwards = 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nback\n';
    expect(refusal(() => captionTrackOf(backwards, 'vtt'))).toMatchObject({
      code: 'invalid_captions',
      details: { line: 3 },
    });
    expect(refusal(() => captionTrackOf('garbage\n\u00ff\n', 'vtt'))).toMatchObject({
      code: 'invalid_captions',
      details: { line: 1 },
    });
  });

  it('refuses NUL bytes, an empty file, too many cues and too many bytes', () => {
    const nul = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\u0000B\n';
    expect(refusal(() => captionTrackOf(nul, 'vtt'))).toMatchObject({ details: { line: 4 } });
    expect(refusal(() => captionTrackOf('WEBVTT\n', 'vtt'))).toMatchObject({
      code: 'invalid_captions',
    });
    const cue = (i: number) => `${i}\n00:00:01,000 --> 00:00:02,000\nx\n`;
    const many = Array.from({ length: CAPTION_LIMITS.maxCues + 1 }, (_, i) => cue(i)).join('\n');
    expect(refusal(() => captionTrackOf(many, 'srt'))).toMatchObject({
      status: 422,
      code: 'too_many_cues',
      details: { max_cues: 5000 },
    });
    const big = `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${'x'.repeat(CAPTION_LIMITS.maxBytes)}\n`;
    expect(refusal(() => captionTrackOf(big, 'vtt'))).toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
  });

  it('takes extreme timestamps and a cue injected through character references as text', () => {
    const vtt =
      'WEBVTT\n\n999:59:59.999 --> 1000:00:00.000\nA&#10;&#10;00:00:01.000 --&gt; 00:00:02.000&#10;B\n';
    const track = captionTrackOf(vtt, 'vtt');
    expect(track.cueCount).toBe(1);
    expect(track.vtt.split('\n\n')).toHaveLength(2);
    expect(track.vtt).toContain('999:59:59.999 --> 1000:00:00.000');
  });
});

import { describe, expect, it } from 'vitest';
import { preferredCaptionTrack } from '../../src/caption-preference.js';

const tracks = [{ language: 'en' }, { language: 'fr-CA' }, { language: 'pt-BR' }];

describe('preferredCaptionTrack', () => {
  it('takes the language chosen before over the browser languages', () => {
    expect(preferredCaptionTrack(tracks, 'pt-BR', ['en-US'])).toBe(2);
  });

  it("takes the viewer's language, exact or by its primary subtag", () => {
    expect(preferredCaptionTrack(tracks, undefined, ['de', 'fr-FR'])).toBe(1);
    expect(preferredCaptionTrack(tracks, undefined, ['EN-gb'])).toBe(0);
  });

  it('keeps captions off once turned off, and leaves the default when nothing matches', () => {
    expect(preferredCaptionTrack(tracks, 'off', ['en'])).toBe('off');
    expect(preferredCaptionTrack(tracks, undefined, ['ja'])).toBeUndefined();
    expect(preferredCaptionTrack(tracks, 'xx-garbage\u0000', [''])).toBeUndefined();
    expect(preferredCaptionTrack([], 'en', ['en'])).toBeUndefined();
  });
});

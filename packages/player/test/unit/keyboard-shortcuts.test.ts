import { describe, expect, it } from 'vitest';
import { commandForKey } from '../../src/keyboard-shortcuts.js';

describe('commandForKey', () => {
  it('toggles playback with space and k', () => {
    expect(commandForKey({ key: ' ' })).toEqual({ type: 'toggle-play' });
    expect(commandForKey({ key: 'k' })).toEqual({ type: 'toggle-play' });
  });

  it('leaves space to a focused button, which it activates', () => {
    expect(commandForKey({ key: ' ' }, 'button')).toBeUndefined();
    expect(commandForKey({ key: 'k' }, 'button')).toEqual({ type: 'toggle-play' });
  });

  it('seeks with the arrows, j and l, Home, End and digits', () => {
    expect(commandForKey({ key: 'ArrowLeft' })).toEqual({ type: 'seek-by', seconds: -5 });
    expect(commandForKey({ key: 'ArrowRight' })).toEqual({ type: 'seek-by', seconds: 5 });
    expect(commandForKey({ key: 'j' })).toEqual({ type: 'seek-by', seconds: -10 });
    expect(commandForKey({ key: 'L' })).toEqual({ type: 'seek-by', seconds: 10 });
    expect(commandForKey({ key: 'Home' })).toEqual({ type: 'seek-to-fraction', fraction: 0 });
    expect(commandForKey({ key: 'End' })).toEqual({ type: 'seek-to-fraction', fraction: 1 });
    expect(commandForKey({ key: '4' })).toEqual({ type: 'seek-to-fraction', fraction: 0.4 });
  });

  it('changes volume with up and down, and with all arrows on the volume slider', () => {
    expect(commandForKey({ key: 'ArrowUp' })).toEqual({ type: 'volume-by', delta: 0.05 });
    expect(commandForKey({ key: 'ArrowDown' })).toEqual({ type: 'volume-by', delta: -0.05 });
    expect(commandForKey({ key: 'ArrowLeft' }, 'volume-slider')).toEqual({
      type: 'volume-by',
      delta: -0.05,
    });
  });

  it('maps f, m and c to fullscreen, mute and captions', () => {
    expect(commandForKey({ key: 'f' })).toEqual({ type: 'toggle-fullscreen' });
    expect(commandForKey({ key: 'M' })).toEqual({ type: 'toggle-mute' });
    expect(commandForKey({ key: 'c' })).toEqual({ type: 'toggle-captions' });
  });

  it('ignores keys with modifiers, keys inside menus and unknown keys', () => {
    expect(commandForKey({ key: 'f', ctrlKey: true })).toBeUndefined();
    expect(commandForKey({ key: 'k', metaKey: true })).toBeUndefined();
    expect(commandForKey({ key: 'ArrowDown' }, 'menu')).toBeUndefined();
    expect(commandForKey({ key: 'q' })).toBeUndefined();
  });
});

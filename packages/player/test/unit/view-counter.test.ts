import { describe, expect, it } from 'vitest';
import { VIEW_AFTER_SEC, ViewCounter } from '../../src/view-counter.js';

class FakeMedia extends EventTarget {
  currentTime = 0;
  paused = true;
  /** Plays `seconds` in quarter-second time updates, as a video element reports them. */
  play(seconds: number) {
    this.paused = false;
    for (let played = 0; played < seconds; played += 0.25) {
      this.currentTime += 0.25;
      this.dispatchEvent(new Event('timeupdate'));
    }
  }
  seekTo(time: number) {
    this.dispatchEvent(new Event('seeking'));
    this.currentTime = time;
    this.dispatchEvent(new Event('timeupdate'));
  }
}

function setUp() {
  const media = new FakeMedia();
  const sent: string[] = [];
  const counter = new ViewCounter(media, async (url) => {
    sent.push(url);
  });
  return { media, sent, counter };
}

describe('ViewCounter', () => {
  it('sends one view after five seconds of playing, and no more for that load', () => {
    const { media, sent, counter } = setUp();
    counter.start('https://api/v1/videos/a/views');
    media.play(VIEW_AFTER_SEC - 1);
    expect(sent).toEqual([]);
    media.play(1.5);
    media.play(30);
    expect(sent).toEqual(['https://api/v1/videos/a/views']);
  });

  it('counts played time only: seeks and a paused player add nothing', () => {
    const { media, sent, counter } = setUp();
    counter.start('https://api/v1/videos/a/views');
    media.play(2);
    media.seekTo(60);
    media.paused = true;
    for (let i = 0; i < 20; i++) media.dispatchEvent(new Event('timeupdate'));
    expect(sent).toEqual([]);
    media.play(3.25);
    expect(sent).toHaveLength(1);
  });

  it('starts over on a new load, goes on under a renewed token, and stays quiet without a URL', () => {
    const { media, sent, counter } = setUp();
    counter.start('https://api/v1/videos/a/views');
    media.play(4);
    counter.renew('https://api/v1/videos/a/views?token=new');
    media.play(1.5);
    expect(sent).toEqual(['https://api/v1/videos/a/views?token=new']);
    counter.start('https://api/v1/videos/b/views');
    media.play(4);
    expect(sent).toHaveLength(1);
    counter.start(undefined);
    media.play(10);
    expect(sent).toHaveLength(1);
  });
});

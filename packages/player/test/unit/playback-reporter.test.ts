import { describe, expect, it } from 'vitest';
import {
  HEARTBEAT_EVERY_SEC,
  type PlaybackReport,
  PlaybackReporter,
  VIEW_AFTER_SEC,
} from '../../src/playback-reporter.js';

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
    this.dispatchEvent(new Event('seeked'));
  }
  pause() {
    this.paused = true;
    this.dispatchEvent(new Event('pause'));
  }
}

function setUp(viewerToken?: string, rendition: () => string | undefined = () => undefined) {
  const media = new FakeMedia();
  const sent: { url: string; report: PlaybackReport; viewerToken: string | undefined }[] = [];
  const reporter = new PlaybackReporter(
    media,
    () => viewerToken,
    rendition,
    async (url, report, token) => {
      sent.push({ url, report, viewerToken: token });
    },
  );
  const events = () => sent.map((s) => [s.report.event, s.report.seq, s.report.position_sec]);
  return { media, sent, reporter, events };
}

describe('PlaybackReporter', () => {
  it('starts after five seconds of playing, then a heartbeat every ten', () => {
    const { media, reporter, events, sent } = setUp('viewer-jwt');
    reporter.start('https://api/v1/videos/a/views');
    media.play(VIEW_AFTER_SEC - 1);
    expect(events()).toEqual([]);
    // The first time update only sets the clock: 5 s watched by 5.25.
    media.play(1.25);
    expect(events()).toEqual([['start', 0, 5.25]]);
    media.play(HEARTBEAT_EVERY_SEC);
    expect(events()).toEqual([
      ['start', 0, 5.25],
      ['heartbeat', 1, 5.25 + HEARTBEAT_EVERY_SEC],
    ]);
    expect(new Set(sent.map((s) => s.report.session_id)).size).toBe(1);
    expect(sent.every((s) => s.viewerToken === 'viewer-jwt')).toBe(true);
  });

  it('counts played time only: seeks and a paused player add nothing', () => {
    const { media, reporter, events } = setUp();
    reporter.start('https://api/v1/videos/a/views');
    media.play(2);
    media.seekTo(60);
    media.pause();
    for (let i = 0; i < 20; i++) media.dispatchEvent(new Event('timeupdate'));
    expect(events()).toEqual([]);
    media.play(3.25);
    expect(events()).toEqual([['start', 0, 63.25]]);
  });

  it('reports on pause, seek, page hide and the end', () => {
    const { media, reporter, events } = setUp();
    reporter.start('https://api/v1/videos/a/views');
    media.play(6);
    media.pause();
    media.seekTo(40);
    reporter.flush();
    media.dispatchEvent(new Event('ended'));
    expect(events().map(([event, seq]) => [event, seq])).toEqual([
      ['start', 0],
      ['heartbeat', 1],
      ['heartbeat', 2],
      ['heartbeat', 3],
      ['complete', 4],
    ]);
  });

  it('starts a new session on a new load, goes on under a renewed token, and stays quiet without a URL', () => {
    const { media, sent, reporter } = setUp();
    reporter.start('https://api/v1/videos/a/views');
    media.play(4);
    reporter.renew('https://api/v1/videos/a/views?token=new');
    media.play(1.5);
    expect(sent.map((s) => s.url)).toEqual(['https://api/v1/videos/a/views?token=new']);
    reporter.start('https://api/v1/videos/b/views');
    media.play(6);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.report.session_id).not.toBe(sent[0]?.report.session_id);
    expect(sent[1]?.report.seq).toBe(0);
    reporter.start(undefined);
    media.play(30);
    media.pause();
    expect(sent).toHaveLength(2);
  });

  it('says at the end of a seek where the playhead left, once however much the viewer scrubs', () => {
    const { media, reporter, sent } = setUp();
    reporter.start('https://api/v1/videos/a/views');
    media.play(8);
    // Scrubbing: seeks that begin before the last one ended, one `seeked` at the end.
    media.dispatchEvent(new Event('seeking'));
    media.currentTime = 30;
    media.dispatchEvent(new Event('seeking'));
    media.seekTo(50);
    const reports = sent.map((s) => s.report);
    const seekEnds = reports.filter((r) => r.from_sec !== undefined);
    expect(seekEnds.map((r) => [r.position_sec, r.from_sec])).toEqual([[50, 8]]);
    expect(reports.filter((r) => r.event === 'heartbeat')).toHaveLength(1);
    // A report that is no seek's end names no position left.
    media.play(2);
    media.pause();
    expect(sent.at(-1)?.report.from_sec).toBeUndefined();
  });

  it('names the rendition playing when each report leaves, and none when there is none', () => {
    let playing: string | undefined;
    const { media, reporter, sent } = setUp(undefined, () => playing);
    reporter.start('https://api/v1/videos/a/views');
    media.play(6);
    expect(sent.at(-1)?.report.rendition).toBeUndefined();
    playing = '720p';
    media.pause();
    expect(sent.at(-1)?.report.rendition).toBe('720p');
    playing = '1080p';
    media.play(10.5);
    expect(sent.map((s) => s.report.rendition)).toEqual([undefined, '720p', '1080p']);
  });
});

import type { components } from '../../contract/openapi.gen.js';
import type { LiveStreamRow } from '../../db/live-streams.js';

export type ApiLiveStream = components['schemas']['LiveStream'];
export type ApiLiveStreamWithKey = components['schemas']['LiveStreamWithKey'];

/** Where publishers send: the RTMP URL, and the SRT one when the gateway runs. */
export interface LiveUrls {
  rtmpUrl: string;
  srtUrl: string | null;
}

export function liveStreamView(row: LiveStreamRow, urls: LiveUrls): ApiLiveStream {
  return {
    live_stream_id: row.id,
    title: row.title,
    status: row.status,
    latency: row.latency,
    channel_id: row.channelId,
    record: row.record,
    playback_policy: row.playbackPolicy,
    recording_video_id: row.recordingVideoId,
    rtmp_url: urls.rtmpUrl,
    srt_url: urls.srtUrl,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The topics Reel emits (DESIGN.md, Events). */
export const TOPICS = {
  transcodeRequested: 'transcode.requested',
  videoTranscoded: 'video.transcoded',
  videoPlayable: 'video.playable',
  videoPublished: 'video.published',
  videoCreated: 'video.created',
  videoUpdated: 'video.updated',
  videoFailed: 'video.failed',
  videoDeleted: 'video.deleted',
  videoTakenDown: 'video.taken_down',
  videoRestored: 'video.restored',
  videoUploadCompleted: 'video.upload.completed',
  viewRecorded: 'events.views',
  commentCreated: 'comment.created',
  commentHeld: 'comment.held',
  commentApproved: 'comment.approved',
  commentRejected: 'comment.rejected',
  commentUpdated: 'comment.updated',
  commentDeleted: 'comment.deleted',
  channelCreated: 'channel.created',
  channelUpdated: 'channel.updated',
  channelDeleted: 'channel.deleted',
  channelSubscribed: 'channel.subscribed',
  channelUnsubscribed: 'channel.unsubscribed',
  likeChanged: 'events.likes',
  commentCounted: 'events.comments',
  subscriptionChanged: 'events.subscriptions',
  reportCreated: 'report.created',
  reportResolved: 'report.resolved',
  viewerErased: 'viewer.erased',
  videoCaptionsReady: 'video.captions.ready',
  /** A video's `mp4_support` changed: its downloads are made or removed to match. */
  downloadsRequested: 'video.downloads.requested',
  videoDownloadsReady: 'video.downloads.ready',
  liveStreamActive: 'live_stream.active',
  liveStreamIdle: 'live_stream.idle',
  liveStreamEnded: 'live_stream.ended',
  liveStreamRecordingReady: 'live_stream.recording.ready',
} as const;

/** Webhooks whose `data.video` is read when they are sent out. */
export const VIDEO_WEBHOOK_EVENT_TYPES: readonly string[] = [
  TOPICS.videoCreated,
  TOPICS.videoUploadCompleted,
  TOPICS.videoPlayable,
  TOPICS.videoPublished,
  TOPICS.videoFailed,
  TOPICS.videoUpdated,
  TOPICS.videoDeleted,
  TOPICS.videoTakenDown,
  TOPICS.videoRestored,
];

/**
 * Webhooks about viewers' engagement, whose `data` is fixed when they are emitted. Likes are
 * left out on purpose (docs/webhooks.md): one request per like would flood a tenant's server.
 */
export const ENGAGEMENT_WEBHOOK_EVENT_TYPES: readonly string[] = [
  TOPICS.commentCreated,
  TOPICS.commentHeld,
  TOPICS.commentApproved,
  TOPICS.commentRejected,
  TOPICS.commentUpdated,
  TOPICS.commentDeleted,
  TOPICS.channelCreated,
  TOPICS.channelUpdated,
  TOPICS.channelDeleted,
  TOPICS.channelSubscribed,
  TOPICS.channelUnsubscribed,
  TOPICS.reportCreated,
  TOPICS.reportResolved,
  TOPICS.viewerErased,
];

/** Webhooks about a video's media whose `data` is fixed when they are emitted. */
export const MEDIA_WEBHOOK_EVENT_TYPES: readonly string[] = [
  TOPICS.videoCaptionsReady,
  TOPICS.videoDownloadsReady,
];

/** A live stream's moves, whose `data.live_stream` is fixed when they are emitted. */
export const LIVE_WEBHOOK_EVENT_TYPES: readonly string[] = [
  TOPICS.liveStreamActive,
  TOPICS.liveStreamIdle,
  TOPICS.liveStreamEnded,
  TOPICS.liveStreamRecordingReady,
];

/** Webhooks whose `data` travels in the event (`webhook_data`), fixed when it was emitted. */
export const FIXED_DATA_WEBHOOK_EVENT_TYPES: readonly string[] = [
  ...ENGAGEMENT_WEBHOOK_EVENT_TYPES,
  ...MEDIA_WEBHOOK_EVENT_TYPES,
  ...LIVE_WEBHOOK_EVENT_TYPES,
];

/** The events tenants can receive as webhooks. */
export const WEBHOOK_EVENT_TYPES = [
  ...VIDEO_WEBHOOK_EVENT_TYPES,
  ...FIXED_DATA_WEBHOOK_EVENT_TYPES,
];

/** Consumer groups and the topics each one reads. */
export const CONSUMER_GROUPS = {
  transcode: [TOPICS.transcodeRequested],
  publish: [TOPICS.videoTranscoded],
  cleanup: [TOPICS.videoDeleted],
  downloads: [TOPICS.videoPublished, TOPICS.downloadsRequested],
  index: [
    TOPICS.videoPublished,
    TOPICS.videoUpdated,
    TOPICS.videoDeleted,
    TOPICS.videoTakenDown,
    TOPICS.videoRestored,
  ],
  webhooks: WEBHOOK_EVENT_TYPES,
  views: [TOPICS.viewRecorded],
  analytics: [TOPICS.viewRecorded],
  counters: [TOPICS.likeChanged, TOPICS.commentCounted, TOPICS.subscriptionChanged],
  notifications: [TOPICS.videoPublished, TOPICS.commentCreated, TOPICS.commentApproved],
} as const satisfies Record<string, readonly string[]>;

export type ConsumerGroup = keyof typeof CONSUMER_GROUPS;

/** Inverts CONSUMER_GROUPS: for each topic, the groups that receive it. */
export function groupsByTopic(): Record<string, string[]> {
  const byTopic: Record<string, string[]> = {};
  for (const [group, topics] of Object.entries(CONSUMER_GROUPS)) {
    for (const topic of topics) byTopic[topic] = [...(byTopic[topic] ?? []), group];
  }
  return byTopic;
}

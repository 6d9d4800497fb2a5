import { type Client, createClient, createConfig } from '../generated/client';
import * as api from '../generated/sdk.gen';
import type {
  ApiKey,
  AuditEntry,
  BlockedMedia,
  Caption,
  Channel,
  Comment,
  CompleteUploadRequest,
  CreateApiKeyRequest,
  CreateBlockedMediaRequest,
  CreateCaptionRequest,
  CreateChannelRequest,
  CreateCommentReportRequest,
  CreateLiveStreamRequest,
  CreatePlaylistRequest,
  CreateSigningKeyRequest,
  CreateTenantRequest,
  CreateUploadRequest,
  CreateVideoReportRequest,
  CreateWebhookEndpointRequest,
  ListAuditLogData,
  ListChannelVideosData,
  ListReportsData,
  ListVideosData,
  ListWebhookDeliveriesData,
  LiveStream,
  ModerationState,
  Notification,
  NotificationSettingsChange,
  Playlist,
  PlaylistItem,
  Report,
  ResolveReportRequest,
  SearchVideosData,
  SigningKey,
  Subscription,
  TakedownRequest,
  Tenant,
  UpdateChannelRequest,
  UpdateLiveStreamRequest,
  UpdatePlaylistRequest,
  UpdateVideoRequest,
  UpdateWebhookEndpointRequest,
  UploadPart,
  Video,
  WatchHistoryEntry,
  WebhookDelivery,
  WebhookEndpoint,
} from '../generated/types.gen';
import { type AnalyticsQuery, toWireQuery } from './analytics';
import { ReelError, unwrap } from './errors';
import { type NotificationStreamOptions, streamNotifications } from './notification-stream';
import { Paginated } from './pages';
import { PlaybackReporter } from './playback-reports';
import { retryingFetch } from './retrying-fetch';
import { webhooks } from './webhooks';

interface ConnectionOptions {
  /** The platform's base URL, e.g. `http://localhost:4000`. */
  baseUrl: string;
  /** Retries after the first attempt, for network errors, timeouts, 408, 429 and 5xx. Default 3. */
  maxRetries?: number;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

export interface ReelOptions extends ConnectionOptions {
  /** A tenant API key (`reel_sk_…`). */
  apiKey: string;
}

export interface ReelOperatorOptions extends ConnectionOptions {
  /** The platform's operator token (`REEL_OPERATOR_TOKEN`). */
  operatorToken: string;
}

function connect(options: ConnectionOptions, bearer: string | undefined) {
  const rawFetch = retryingFetch({
    maxRetries: options.maxRetries ?? 3,
    timeoutMs: options.timeoutMs ?? 60_000,
    fetch: options.fetch ?? globalThis.fetch,
  });
  const client = createClient(
    createConfig({ baseUrl: options.baseUrl.replace(/\/$/, ''), fetch: rawFetch, auth: bearer }),
  );
  return { client, rawFetch };
}

const newKey = () => globalThis.crypto.randomUUID();
type ListQuery = NonNullable<ListVideosData['query']>;

/** The Reel API client. Uses only fetch and WebCrypto, so it runs on Node, Deno, Bun and edge runtimes. */
export class Reel {
  readonly client: Client;
  /** Verify (`verify`, `unwrap`) and sign (`sign`, for tests) webhooks; needs no API call. */
  readonly webhooks = webhooks;
  private readonly rawFetch: typeof fetch;

  constructor(options: ReelOptions) {
    this.rawFetch = retryingFetch({
      maxRetries: options.maxRetries ?? 3,
      timeoutMs: options.timeoutMs ?? 60_000,
      fetch: options.fetch ?? globalThis.fetch,
    });
    this.client = createClient(
      createConfig({
        baseUrl: options.baseUrl.replace(/\/$/, ''),
        fetch: this.rawFetch,
        auth: options.apiKey,
      }),
    );
  }

  readonly uploads = {
    /** Starts an upload; a retry with the same `idempotencyKey` returns the same upload. */
    create: (body: CreateUploadRequest, options: { idempotencyKey?: string } = {}) =>
      unwrap(
        api.createUpload({
          client: this.client,
          body,
          headers: { 'Idempotency-Key': options.idempotencyKey ?? newKey() },
        }),
      ),
    get: (uploadId: string) =>
      unwrap(api.getUpload({ client: this.client, path: { upload_id: uploadId } })),
    /** Every part stored so far. */
    listParts: (uploadId: string) =>
      new Paginated<UploadPart>((cursor) =>
        unwrap(
          api.listUploadParts({
            client: this.client,
            path: { upload_id: uploadId },
            query: { cursor },
          }),
        ),
      ),
    signParts: (uploadId: string, partNumbers: number[]) =>
      unwrap(
        api.signUploadParts({
          client: this.client,
          path: { upload_id: uploadId },
          body: { part_numbers: partNumbers },
        }),
      ),
    /** Sends one part's bytes to its signed URL; returns its ETag. */
    putPart: async (url: string, bytes: Uint8Array | Blob): Promise<string> => {
      const response = await this.rawFetch(url, { method: 'PUT', body: bytes as BodyInit });
      if (!response.ok)
        throw new ReelError(response.status, await response.json().catch(() => undefined));
      return (response.headers.get('etag') ?? '').replaceAll('"', '');
    },
    complete: (uploadId: string, body?: CompleteUploadRequest) =>
      unwrap(
        api.completeUpload({
          client: this.client,
          path: { upload_id: uploadId },
          body,
        }),
      ),
    abort: (uploadId: string) =>
      unwrap(
        api.abortUpload({
          client: this.client,
          path: { upload_id: uploadId },
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
  };

  readonly videos = {
    /** Newest first; `for await (const video of reel.videos.list())` walks every page. */
    list: (query: Omit<ListQuery, 'cursor'> = {}) =>
      new Paginated<Video>((cursor) =>
        unwrap(api.listVideos({ client: this.client, query: { ...query, cursor } })),
      ),
    get: (videoId: string) =>
      unwrap(api.getVideo({ client: this.client, path: { video_id: videoId } })),
    /** Public, ready videos like this one (same channel, tags, title words), best first. */
    related: (videoId: string, query: { limit?: number } = {}) =>
      new Paginated<Video>((cursor) =>
        unwrap(
          api.listRelatedVideos({
            client: this.client,
            path: { video_id: videoId },
            query: { ...query, cursor },
          }),
        ),
      ),
    /**
     * Public, ready videos matching `q` (words, `"a phrase"`, `-excluded`), best first unless
     * `sort` says `newest` or `most_viewed`; filters by channel, tags, language and duration.
     */
    search: (q: string, query: Omit<SearchVideosData['query'], 'q' | 'cursor'> = {}) =>
      new Paginated<Video>((cursor) =>
        unwrap(api.searchVideos({ client: this.client, query: { ...query, q, cursor } })),
      ),
    update: (videoId: string, body: UpdateVideoRequest) =>
      unwrap(api.updateVideo({ client: this.client, path: { video_id: videoId }, body })),
    delete: async (videoId: string): Promise<void> => {
      await unwrap(api.deleteVideo({ client: this.client, path: { video_id: videoId } }));
    },
    publish: (videoId: string) =>
      unwrap(
        api.publishVideo({
          client: this.client,
          path: { video_id: videoId },
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    /** Takes the video down: playback answers 451 `taken_down` until it is restored. */
    takedown: (videoId: string, takedown: TakedownRequest) =>
      unwrap(
        api.takedownVideo({
          client: this.client,
          path: { video_id: videoId },
          body: takedown,
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    /** Ends a takedown: the video gets back the status it had. */
    restore: (videoId: string) =>
      unwrap(
        api.restoreVideo({
          client: this.client,
          path: { video_id: videoId },
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    /** Each stage with its start and end: probed (with the input's facts), encoding, stored, … */
    timeline: (videoId: string) =>
      unwrap(api.getVideoTimeline({ client: this.client, path: { video_id: videoId } })),
    /**
     * Polls until the video is ready, transcoded (waiting for publish) or failed; `onProgress`
     * hears the encoding percent (0-100) each time it rises, and 100 once it settles ready.
     */
    waitUntilSettled: async (
      videoId: string,
      options: {
        timeoutMs?: number;
        intervalMs?: number;
        onProgress?: (percent: number) => void;
      } = {},
    ) => {
      const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
      let heard = -1;
      const hear = (percent: number) => {
        if (percent <= heard) return;
        heard = percent;
        options.onProgress?.(percent);
      };
      for (;;) {
        const video = await this.videos.get(videoId);
        if (video.progress !== undefined) hear(video.progress);
        if (video.status === 'ready' || video.status === 'transcoded') hear(100);
        if (video.status === 'ready' || video.status === 'failed' || video.status === 'transcoded')
          return video;
        if (Date.now() > deadline) {
          throw new ReelError(408, {
            code: 'wait_timeout',
            message: `Video ${videoId} is still ${video.status}`,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
      }
    },
  };

  readonly channels = {
    /** A handle already taken in the tenant (in any letter case) fails with 409 `handle_taken`. */
    create: (body: CreateChannelRequest) =>
      unwrap(api.createChannel({ client: this.client, body })),
    get: (channelId: string) =>
      unwrap(api.getChannel({ client: this.client, path: { channel_id: channelId } })),
    /** Newest first. */
    list: (query: { limit?: number } = {}) =>
      new Paginated<Channel>((cursor) =>
        unwrap(api.listChannels({ client: this.client, query: { ...query, cursor } })),
      ),
    update: (channelId: string, body: UpdateChannelRequest) =>
      unwrap(api.updateChannel({ client: this.client, path: { channel_id: channelId }, body })),
    delete: async (channelId: string): Promise<void> => {
      await unwrap(api.deleteChannel({ client: this.client, path: { channel_id: channelId } }));
    },
    /**
     * Uploads the channel's avatar: JPEG, PNG or WebP bytes, at most 4 MiB and 25 megapixels.
     * Answers the channel with its new `avatar_url`; the old avatar's URLs stop working.
     */
    setAvatar: (
      channelId: string,
      image: Uint8Array,
      contentType: 'image/jpeg' | 'image/png' | 'image/webp',
    ) =>
      unwrap(
        api.setChannelAvatar({
          client: this.client,
          path: { channel_id: channelId },
          // The bytes go as they are, not as JSON.
          body: image as unknown as string,
          bodySerializer: null,
          headers: { 'Content-Type': contentType },
        }),
      ),
    deleteAvatar: async (channelId: string): Promise<void> => {
      await unwrap(
        api.deleteChannelAvatar({ client: this.client, path: { channel_id: channelId } }),
      );
    },
    /** The tenant's channels matching `q`, best first. */
    search: (q: string, query: { limit?: number } = {}) =>
      new Paginated<Channel>((cursor) =>
        unwrap(api.searchChannels({ client: this.client, query: { ...query, q, cursor } })),
      ),
    /** The channel's public, ready videos, as anyone sees them. */
    videos: (
      channelId: string,
      query: Omit<NonNullable<ListChannelVideosData['query']>, 'cursor'> = {},
    ) =>
      new Paginated<Video>((cursor) =>
        unwrap(
          api.listChannelVideos({
            client: this.client,
            path: { channel_id: channelId },
            query: { ...query, cursor },
          }),
        ),
      ),
  };

  /** Moderation of viewers' comments on the tenant's videos. */
  readonly comments = {
    /** Comments in one state, oldest first; `held` (the default) is the approval queue. */
    list: (query: { state?: ModerationState; limit?: number } = {}) =>
      new Paginated<Comment>((cursor) =>
        unwrap(api.listModerationComments({ client: this.client, query: { ...query, cursor } })),
      ),
    approve: (commentId: string) =>
      unwrap(api.approveComment({ client: this.client, path: { comment_id: commentId } })),
    /** Refuses a held comment or takes a published one down. */
    reject: (commentId: string) =>
      unwrap(api.rejectComment({ client: this.client, path: { comment_id: commentId } })),
    ban: (viewerId: string, options: { reason?: string } = {}) =>
      unwrap(
        api.createCommentBan({ client: this.client, body: { viewer_id: viewerId, ...options } }),
      ),
    unban: async (viewerId: string): Promise<void> => {
      await unwrap(api.deleteCommentBan({ client: this.client, path: { viewer_id: viewerId } }));
    },
    /** A video's top-level comments in every state but deleted, private videos too. */
    ofVideo: (videoId: string, query: { limit?: number; order?: 'newest' | 'oldest' } = {}) =>
      new Paginated<Comment>((cursor) =>
        unwrap(
          api.listComments({
            client: this.client,
            path: { video_id: videoId },
            query: { ...query, cursor },
          }),
        ),
      ),
    /** Deletes any comment of the tenant, as its author's delete would. */
    delete: async (commentId: string): Promise<void> => {
      await unwrap(api.deleteComment({ client: this.client, path: { comment_id: commentId } }));
    },
  };

  readonly apiKeys = {
    /** The answer holds the secret `key`, once. */
    create: (body: CreateApiKeyRequest) =>
      unwrap(
        api.createApiKey({ client: this.client, body, headers: { 'Idempotency-Key': newKey() } }),
      ),
    list: () =>
      new Paginated<ApiKey>((cursor) =>
        unwrap(api.listApiKeys({ client: this.client, query: { cursor } })),
      ),
    revoke: async (keyId: string): Promise<void> => {
      await unwrap(api.revokeApiKey({ client: this.client, path: { key_id: keyId } }));
    },
  };

  readonly webhookEndpoints = {
    /** The answer holds the signing `secret`, once. */
    create: (body: CreateWebhookEndpointRequest) =>
      unwrap(
        api.createWebhookEndpoint({
          client: this.client,
          body,
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    list: () =>
      new Paginated<WebhookEndpoint>((cursor) =>
        unwrap(api.listWebhookEndpoints({ client: this.client, query: { cursor } })),
      ),
    get: (endpointId: string) =>
      unwrap(api.getWebhookEndpoint({ client: this.client, path: { endpoint_id: endpointId } })),
    update: (endpointId: string, body: UpdateWebhookEndpointRequest) =>
      unwrap(
        api.updateWebhookEndpoint({ client: this.client, path: { endpoint_id: endpointId }, body }),
      ),
    delete: async (endpointId: string): Promise<void> => {
      await unwrap(
        api.deleteWebhookEndpoint({ client: this.client, path: { endpoint_id: endpointId } }),
      );
    },
    rotateSecret: (endpointId: string, gracePeriodSec?: number) =>
      unwrap(
        api.rotateWebhookSecret({
          client: this.client,
          path: { endpoint_id: endpointId },
          body: gracePeriodSec === undefined ? {} : { grace_period_sec: gracePeriodSec },
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    deliveries: (
      endpointId: string,
      query: Omit<NonNullable<ListWebhookDeliveriesData['query']>, 'cursor'> = {},
    ) =>
      new Paginated<WebhookDelivery>((cursor) =>
        unwrap(
          api.listWebhookDeliveries({
            client: this.client,
            path: { endpoint_id: endpointId },
            query: { ...query, cursor },
          }),
        ),
      ),
    resend: (endpointId: string, deliveryId: string) =>
      unwrap(
        api.resendWebhookDelivery({
          client: this.client,
          path: { endpoint_id: endpointId, delivery_id: deliveryId },
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    replay: (endpointId: string, since: Date) =>
      unwrap(
        api.replayWebhookEvents({
          client: this.client,
          path: { endpoint_id: endpointId },
          body: { since: since.toISOString() },
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
  };

  /**
   * Creators' analytics: views, engaged views, unique viewers, watch time, completion, the
   * retention curve and peak concurrency, with an hourly or daily `series` (`granularity`) and
   * `rows` by a dimension (`breakdown`).
   */
  readonly analytics = {
    video: (videoId: string, query: AnalyticsQuery = {}) =>
      unwrap(
        api.getVideoAnalytics({
          client: this.client,
          path: { video_id: videoId },
          query: toWireQuery(query),
        }),
      ),
    channel: (channelId: string, query: AnalyticsQuery = {}) =>
      unwrap(
        api.getChannelAnalytics({
          client: this.client,
          path: { channel_id: channelId },
          query: toWireQuery(query),
        }),
      ),
    overview: (query: AnalyticsQuery = {}) =>
      unwrap(api.getAnalyticsOverview({ client: this.client, query: toWireQuery(query) })),
  };

  readonly signingKeys = {
    /** The answer holds the PEM `private_key`, once: keep it on your server. */
    create: (body: CreateSigningKeyRequest = {}) =>
      unwrap(
        api.createSigningKey({
          client: this.client,
          body,
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    list: () =>
      new Paginated<SigningKey>((cursor) =>
        unwrap(api.listSigningKeys({ client: this.client, query: { cursor } })),
      ),
    delete: async (keyId: string): Promise<void> => {
      await unwrap(api.deleteSigningKey({ client: this.client, path: { key_id: keyId } }));
    },
  };

  /** Changes made with the tenant's API keys or by the operator, newest first, hash-chained. */
  readonly auditLog = {
    list: (query: Omit<NonNullable<ListAuditLogData['query']>, 'cursor'> = {}) =>
      new Paginated<AuditEntry>((cursor) =>
        unwrap(api.listAuditLog({ client: this.client, query: { ...query, cursor } })),
      ),
  };

  /** What Reel holds about the tenant's viewers, for privacy requests. */
  readonly viewers = {
    /** Everything about one viewer as one JSON archive (GDPR access and portability). */
    export: (viewerId: string) =>
      unwrap(api.exportViewer({ client: this.client, path: { viewer_id: viewerId } })),
    /**
     * Starts erasing everything about one viewer (GDPR erasure, CCPA deletion); poll
     * `erasure(erasureId)` until `status` is `done`. Asking again answers the open one.
     */
    erase: (viewerId: string) =>
      unwrap(api.eraseViewer({ client: this.client, path: { viewer_id: viewerId } })),
    /** Where an erasure stands. */
    erasure: (erasureId: string) =>
      unwrap(api.getViewerErasure({ client: this.client, path: { erasure_id: erasureId } })),
  };

  /** Viewers' reports on the tenant's videos and comments. */
  readonly reports = {
    /** Newest first, filtered by state, target, reason or video. */
    list: (query: Omit<NonNullable<ListReportsData['query']>, 'cursor'> = {}) =>
      new Paginated<Report>((cursor) =>
        unwrap(api.listReports({ client: this.client, query: { ...query, cursor } })),
      ),
    /** Accepts or rejects a report with a reply; `take_down` also takes the video down. */
    resolve: (reportId: string, resolution: ResolveReportRequest) =>
      unwrap(
        api.resolveReport({
          client: this.client,
          path: { report_id: reportId },
          body: resolution,
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
  };

  /** Live streams a publisher sends RTMP to with its stream key. */
  readonly liveStreams = {
    /** Answers the stream with its `stream_key`, shown only here. */
    create: (body: CreateLiveStreamRequest) =>
      unwrap(
        api.createLiveStream({
          client: this.client,
          body,
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
    get: (liveStreamId: string) =>
      unwrap(api.getLiveStream({ client: this.client, path: { live_stream_id: liveStreamId } })),
    /** Newest first. */
    list: (query: { limit?: number } = {}) =>
      new Paginated<LiveStream>((cursor) =>
        unwrap(api.listLiveStreams({ client: this.client, query: { ...query, cursor } })),
      ),
    update: (liveStreamId: string, body: UpdateLiveStreamRequest) =>
      unwrap(
        api.updateLiveStream({
          client: this.client,
          path: { live_stream_id: liveStreamId },
          body,
        }),
      ),
    /** Refuses publishers from now on and cuts off the one sending. */
    disable: (liveStreamId: string) =>
      unwrap(
        api.disableLiveStream({ client: this.client, path: { live_stream_id: liveStreamId } }),
      ),
    /** A new key, shown only here; the old one stops working at once. */
    resetStreamKey: (liveStreamId: string) =>
      unwrap(
        api.resetLiveStreamKey({ client: this.client, path: { live_stream_id: liveStreamId } }),
      ),
    delete: async (liveStreamId: string): Promise<void> => {
      await unwrap(
        api.deleteLiveStream({ client: this.client, path: { live_stream_id: liveStreamId } }),
      );
    },
  };

  /** The tenant's blocklist of media by exact SHA-256: a matching upload's video fails. */
  readonly captions = {
    /**
     * Adds a WebVTT or SRT track to a video; pass the same `idempotencyKey` to retry safely.
     * A malformed cue throws a ReelError `invalid_captions` whose `details.line` names it.
     */
    create: (
      videoId: string,
      body: CreateCaptionRequest,
      options: { idempotencyKey?: string } = {},
    ) =>
      unwrap(
        api.createCaption({
          client: this.client,
          path: { video_id: videoId },
          body,
          headers: { 'Idempotency-Key': options.idempotencyKey ?? newKey() },
        }),
      ),
    /** Newest first. */
    list: (videoId: string, query: { limit?: number } = {}) =>
      new Paginated<Caption>((cursor) =>
        unwrap(
          api.listCaptions({
            client: this.client,
            path: { video_id: videoId },
            query: { ...query, cursor },
          }),
        ),
      ),
    get: (videoId: string, captionId: string) =>
      unwrap(
        api.getCaption({ client: this.client, path: { video_id: videoId, caption_id: captionId } }),
      ),
    delete: async (videoId: string, captionId: string): Promise<void> => {
      await unwrap(
        api.deleteCaption({
          client: this.client,
          path: { video_id: videoId, caption_id: captionId },
        }),
      );
    },
  };

  readonly blockedMedia = {
    /** Blocking a hash again answers the entry made before, unchanged. */
    create: (body: CreateBlockedMediaRequest) =>
      unwrap(api.createBlockedMedia({ client: this.client, body })),
    /** Newest first. */
    list: (query: { limit?: number } = {}) =>
      new Paginated<BlockedMedia>((cursor) =>
        unwrap(api.listBlockedMedia({ client: this.client, query: { ...query, cursor } })),
      ),
    delete: async (blockedMediaId: string): Promise<void> => {
      await unwrap(
        api.deleteBlockedMedia({
          client: this.client,
          path: { blocked_media_id: blockedMediaId },
        }),
      );
    },
  };
}

/** The operator's client: tenant administration with the platform's operator token. */
export class ReelOperator {
  readonly client: Client;

  constructor(options: ReelOperatorOptions) {
    ({ client: this.client } = connect(options, options.operatorToken));
  }

  readonly tenants = {
    /** The answer holds the tenant's first `api_key`, once. */
    create: (body: CreateTenantRequest) =>
      unwrap(
        api.createTenant({ client: this.client, body, headers: { 'Idempotency-Key': newKey() } }),
      ),
    list: () =>
      new Paginated<Tenant>((cursor) =>
        unwrap(api.listTenants({ client: this.client, query: { cursor } })),
      ),
    suspend: (tenantId: string) =>
      unwrap(
        api.suspendTenant({
          client: this.client,
          path: { tenant_id: tenantId },
          headers: { 'Idempotency-Key': newKey() },
        }),
      ),
  };

  /** The operator's blocklist by exact SHA-256, checked at every tenant's uploads. */
  readonly blockedMedia = {
    create: (body: CreateBlockedMediaRequest) =>
      unwrap(api.createOperatorBlockedMedia({ client: this.client, body })),
    list: (query: { limit?: number } = {}) =>
      new Paginated<BlockedMedia>((cursor) =>
        unwrap(api.listOperatorBlockedMedia({ client: this.client, query: { ...query, cursor } })),
      ),
    delete: async (blockedMediaId: string): Promise<void> => {
      await unwrap(
        api.deleteOperatorBlockedMedia({
          client: this.client,
          path: { blocked_media_id: blockedMediaId },
        }),
      );
    },
  };
}

/**
 * For browser code holding a viewer token your server signed. Without `viewerToken` it reads
 * public content only (videos, comments, public playlists) and every other call is a 401.
 */
export class ReelViewer {
  readonly client: Client;
  private readonly streamConnection: Parameters<typeof streamNotifications>[0];

  constructor(options: ConnectionOptions & { viewerToken?: string }) {
    ({ client: this.client } = connect(options, options.viewerToken));
    // A stream stays open: no per-request timeout or retries, it reconnects by itself.
    this.streamConnection = {
      baseUrl: options.baseUrl.replace(/\/$/, ''),
      viewerToken: options.viewerToken,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  me = () => unwrap(api.getViewer({ client: this.client }));

  /** A video as viewers see it; with a token, `viewer.has_liked` says whether they like it. */
  video = (videoId: string) =>
    unwrap(api.getVideo({ client: this.client, path: { video_id: videoId } }));

  /**
   * A reporter for one playback of a video: its reports count the view and build this
   * viewer's history and resume position. Signed videos need a playback token.
   */
  playback = (videoId: string, options: { playbackToken?: string } = {}) =>
    new PlaybackReporter((body) =>
      unwrap(
        api.recordView({
          client: this.client,
          path: { video_id: videoId },
          ...(options.playbackToken && { query: { token: options.playbackToken } }),
          body,
        }),
      ),
    );

  /** The viewer's watch history, built from their playback reports. */
  readonly history = {
    /** Newest first; videos the viewer can no longer watch are left out. */
    list: (query: { limit?: number } = {}) =>
      new Paginated<WatchHistoryEntry>((cursor) =>
        unwrap(api.listWatchHistory({ client: this.client, query: { ...query, cursor } })),
      ),
    /** Succeeds whether or not the video was in the history. */
    remove: async (videoId: string): Promise<void> => {
      await unwrap(
        api.deleteWatchHistoryEntry({ client: this.client, path: { video_id: videoId } }),
      );
    },
    clear: async (): Promise<void> => {
      await unwrap(api.clearWatchHistory({ client: this.client }));
    },
    settings: () => unwrap(api.getWatchHistorySettings({ client: this.client })),
    /** Paused, playback still counts views but records no history. */
    pause: () =>
      unwrap(api.updateWatchHistorySettings({ client: this.client, body: { paused: true } })),
    resume: () =>
      unwrap(api.updateWatchHistorySettings({ client: this.client, body: { paused: false } })),
  };

  /** The viewer's notifications: stored with read state, and pushed live by `stream()`. */
  readonly notifications = {
    /** Newest first; `unread: true` for the unread ones only. */
    list: (query: { unread?: boolean; limit?: number } = {}) =>
      new Paginated<Notification>((cursor) =>
        unwrap(api.listNotifications({ client: this.client, query: { ...query, cursor } })),
      ),
    read: (notificationId: string) =>
      unwrap(
        api.markNotificationRead({
          client: this.client,
          path: { notification_id: notificationId },
        }),
      ),
    /** Answers how many this call marked. */
    readAll: () => unwrap(api.markAllNotificationsRead({ client: this.client })),
    settings: () => unwrap(api.getNotificationSettings({ client: this.client })),
    /** Kinds left out keep their setting. */
    updateSettings: (change: NotificationSettingsChange) =>
      unwrap(api.updateNotificationSettings({ client: this.client, body: change })),
    /** A one-time ticket for `EventSource`, which cannot send the token as a header. */
    streamTicket: () => unwrap(api.createNotificationStreamTicket({ client: this.client })),
    /**
     * `for await (const n of viewer.notifications.stream())`: new notifications as they
     * happen; reconnects with `Last-Event-ID` after a cut, so none is missed or repeated.
     */
    stream: (options: NotificationStreamOptions = {}) =>
      streamNotifications(this.streamConnection, options),
  };

  /** Liking twice changes nothing; the answer holds `like_count` as counted so far (seconds behind). */
  like = (videoId: string) =>
    unwrap(api.likeVideo({ client: this.client, path: { video_id: videoId } }));

  /** Succeeds whether or not the viewer liked the video. */
  unlike = (videoId: string) =>
    unwrap(api.unlikeVideo({ client: this.client, path: { video_id: videoId } }));

  /** Comments as this viewer; another viewer's comment reads as missing (404). */
  readonly comments = {
    /** With `parentId`, a reply; a reply to a reply joins the same thread. */
    create: (videoId: string, text: string, options: { parentId?: string } = {}) =>
      unwrap(
        api.createComment({
          client: this.client,
          path: { video_id: videoId },
          body: { text, ...(options.parentId && { parent_id: options.parentId }) },
        }),
      ),
    /** A video's top-level comments, newest first unless `order` says oldest. */
    list: (videoId: string, query: { limit?: number; order?: 'newest' | 'oldest' } = {}) =>
      new Paginated<Comment>((cursor) =>
        unwrap(
          api.listComments({
            client: this.client,
            path: { video_id: videoId },
            query: { ...query, cursor },
          }),
        ),
      ),
    /** The replies in a comment's thread, oldest first. */
    replies: (commentId: string, query: { limit?: number } = {}) =>
      new Paginated<Comment>((cursor) =>
        unwrap(
          api.listCommentReplies({
            client: this.client,
            path: { comment_id: commentId },
            query: { ...query, cursor },
          }),
        ),
      ),
    edit: (commentId: string, text: string) =>
      unwrap(
        api.updateComment({ client: this.client, path: { comment_id: commentId }, body: { text } }),
      ),
    delete: async (commentId: string): Promise<void> => {
      await unwrap(api.deleteComment({ client: this.client, path: { comment_id: commentId } }));
    },
  };

  /** Subscribing again changes nothing and returns the same subscription. */
  subscribe = (channelId: string) =>
    unwrap(api.subscribeToChannel({ client: this.client, path: { channel_id: channelId } }));

  /** Succeeds whether or not the viewer was subscribed. */
  unsubscribe = async (channelId: string): Promise<void> => {
    await unwrap(
      api.unsubscribeFromChannel({ client: this.client, path: { channel_id: channelId } }),
    );
  };

  /** Reports a video; while the viewer's report is open, reporting again answers it. */
  reportVideo = (videoId: string, report: CreateVideoReportRequest) =>
    unwrap(api.reportVideo({ client: this.client, path: { video_id: videoId }, body: report }));

  /** Reports a published comment; one open report per viewer per comment. */
  reportComment = (commentId: string, report: CreateCommentReportRequest) =>
    unwrap(
      api.reportComment({ client: this.client, path: { comment_id: commentId }, body: report }),
    );

  /** The viewer's subscriptions, newest first. */
  subscriptions = (query: { limit?: number } = {}) =>
    new Paginated<Subscription>((cursor) =>
      unwrap(api.listSubscriptions({ client: this.client, query: { ...query, cursor } })),
    );

  /** The newest videos of the channels the viewer subscribes to, newest first. */
  feed = (query: { limit?: number } = {}) =>
    new Paginated<Video>((cursor) =>
      unwrap(api.getViewerFeed({ client: this.client, query: { ...query, cursor } })),
    );

  /** Videos like this one that the viewer may watch, best first; never the video itself. */
  related = (videoId: string, query: { limit?: number } = {}) =>
    new Paginated<Video>((cursor) =>
      unwrap(
        api.listRelatedVideos({
          client: this.client,
          path: { video_id: videoId },
          query: { ...query, cursor },
        }),
      ),
    );

  /** The viewer's playlists; positions stay dense (0..n-1) through every change. */
  readonly playlists = {
    create: (body: CreatePlaylistRequest) =>
      unwrap(api.createPlaylist({ client: this.client, body })),
    get: (playlistId: string) =>
      unwrap(api.getPlaylist({ client: this.client, path: { playlist_id: playlistId } })),
    update: (playlistId: string, body: UpdatePlaylistRequest) =>
      unwrap(api.updatePlaylist({ client: this.client, path: { playlist_id: playlistId }, body })),
    delete: (playlistId: string) =>
      unwrap(api.deletePlaylist({ client: this.client, path: { playlist_id: playlistId } })),
    /** In position order; videos this viewer cannot watch are left out. */
    items: (playlistId: string, query: { limit?: number } = {}) =>
      new Paginated<PlaylistItem>((cursor) =>
        unwrap(
          api.listPlaylistItems({
            client: this.client,
            path: { playlist_id: playlistId },
            query: { ...query, cursor },
          }),
        ),
      ),
    /** At the end, or at `position` (the items from there on move down one). */
    add: (playlistId: string, videoId: string, options: { position?: number } = {}) =>
      unwrap(
        api.addPlaylistItem({
          client: this.client,
          path: { playlist_id: playlistId },
          body: { video_id: videoId, ...options },
        }),
      ),
    remove: (playlistId: string, itemId: string) =>
      unwrap(
        api.removePlaylistItem({
          client: this.client,
          path: { playlist_id: playlistId, item_id: itemId },
        }),
      ),
    move: (playlistId: string, itemId: string, position: number) =>
      unwrap(
        api.movePlaylistItem({
          client: this.client,
          path: { playlist_id: playlistId, item_id: itemId },
          body: { position },
        }),
      ),
    /** The viewer's own playlists, newest first. */
    mine: (query: { limit?: number } = {}) =>
      new Paginated<Playlist>((cursor) =>
        unwrap(api.listViewerPlaylists({ client: this.client, query: { ...query, cursor } })),
      ),
    /** The built-in, private "watch later" list, made on first use. */
    watchLater: () => unwrap(api.getWatchLater({ client: this.client })),
  };
}

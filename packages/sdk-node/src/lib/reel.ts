import { type Client, createClient, createConfig } from '../generated/client';
import * as api from '../generated/sdk.gen';
import type {
  CompleteUploadRequest,
  CreateUploadRequest,
  ListVideosData,
  UpdateVideoRequest,
  UploadPart,
  Video,
} from '../generated/types.gen';
import { ReelError, unwrap } from './errors';
import { Paginated } from './pages';
import { retryingFetch } from './retrying-fetch';

export interface ReelOptions {
  /** A tenant API key (`reel_sk_…`). */
  apiKey: string;
  /** The platform's base URL, e.g. `http://localhost:4000`. */
  baseUrl: string;
  /** Retries after the first attempt, for network errors, timeouts, 408, 429 and 5xx. Default 3. */
  maxRetries?: number;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

const newKey = () => globalThis.crypto.randomUUID();
type ListQuery = NonNullable<ListVideosData['query']>;

/** The Reel API client. Uses only fetch and WebCrypto, so it runs on Node, Deno, Bun and edge runtimes. */
export class Reel {
  readonly client: Client;
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
          headers: { 'Idempotency-Key': newKey() },
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
    /** Polls until the video is ready, transcoded (waiting for publish) or failed. */
    waitUntilSettled: async (
      videoId: string,
      options: { timeoutMs?: number; intervalMs?: number } = {},
    ) => {
      const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
      for (;;) {
        const video = await this.videos.get(videoId);
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
}

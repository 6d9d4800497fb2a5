import { errorFromResponse, ReelUploadError } from './errors.js';
import type { components } from './openapi.gen.js';

// The API's shapes, from the contract (`generate` writes openapi.gen.ts from the bundle).
type Schemas = components['schemas'];

/** The upload as `GET /v1/uploads/{id}` (and abort) answers it: the contract's `Upload`. */
export type UploadInfo = Schemas['Upload'];

/** A part the store holds, as `GET /v1/uploads/{id}/parts` lists it. */
export type StoredPart = Schemas['UploadPart'];

/** A part's signed URL, as `POST /v1/uploads/{id}/parts/sign` answers it. */
export type SignedPart = Schemas['PartUrl'];

/**
 * The video `complete` answers with (status `processing`); of an upload completed earlier (another
 * tab, a reload) the uploader knows only the id and status, as the upload token reads no video.
 */
export type CompletedVideo = Pick<Schemas['Video'], 'video_id' | 'status'> &
  Partial<Schemas['Video']>;

/**
 * The five upload routes a browser may call with an upload token (`Authorization: Bearer`), for that
 * one upload only. Every failure is a ReelUploadError; a failed fetch is status 0, `network_error`.
 */
export class UploadApi {
  readonly #base: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;

  constructor(
    apiUrl: string,
    readonly uploadId: string,
    token: string,
    fetcher?: typeof fetch,
  ) {
    this.#base = `${apiUrl.replace(/\/+$/, '')}/v1/uploads/${encodeURIComponent(uploadId)}`;
    this.#token = token;
    this.#fetch = fetcher ?? ((...args) => globalThis.fetch(...args));
  }

  get(signal?: AbortSignal): Promise<UploadInfo> {
    return this.#call('GET', '', undefined, signal);
  }

  /** Every stored part, following `next_cursor` to the end. */
  async listParts(signal?: AbortSignal): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const page: Schemas['UploadPartList'] = await this.#call(
        'GET',
        `/parts${query}`,
        undefined,
        signal,
      );
      parts.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return parts;
  }

  async signParts(partNumbers: number[], signal?: AbortSignal): Promise<SignedPart[]> {
    const answer: Schemas['PartUrlList'] = await this.#call(
      'POST',
      '/parts/sign',
      { part_numbers: partNumbers },
      signal,
    );
    return answer.parts;
  }

  complete(sha256: string | undefined, signal?: AbortSignal): Promise<CompletedVideo> {
    return this.#call('POST', '/complete', sha256 ? { sha256 } : {}, signal);
  }

  abort(signal?: AbortSignal): Promise<UploadInfo> {
    return this.#call('POST', '/abort', undefined, signal);
  }

  async #call<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(this.#base + path, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ReelUploadError(0, 'network_error', 'The network connection was lost.', undefined, {
        cause: error,
      });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw errorFromResponse(response.status, parsed);
    return parsed as T;
  }
}

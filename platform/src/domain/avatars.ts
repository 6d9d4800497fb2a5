import type { components } from '../contract/openapi.gen.js';

export type AvatarSize = components['schemas']['AvatarSize'];

/** The body limit of an avatar upload. */
export const MAX_AVATAR_BYTES = 4 * 1024 * 1024;
/** 25 megapixels: any phone photo, but no pixel bomb that decodes to gigabytes. */
export const MAX_AVATAR_PIXELS = 25_000_000;
/** A small image decodes in well under a second; anything slower is refused. */
export const AVATAR_TIMEOUT_SEC = 20;

/** Each rendition's side in pixels (YouTube's channel thumbnails are 88 and 240). */
export const AVATAR_SIDES: Record<AvatarSize, number> = { small: 88, medium: 240 };

/** The demuxer that reads each media type the avatar route takes. */
export const AVATAR_DEMUXERS: Record<string, string> = {
  'image/jpeg': 'jpeg_pipe',
  'image/png': 'png_pipe',
  'image/webp': 'webp_pipe',
};

/** Where a channel's objects live in the store: all under the channel's prefix. */
export const channelKeys = {
  prefix: (channelId: string) => `channels/${channelId}`,
  avatarPrefix: (channelId: string, avatarId: string) =>
    `channels/${channelId}/avatars/${avatarId}`,
  avatar: (channelId: string, avatarId: string, size: AvatarSize) =>
    `channels/${channelId}/avatars/${avatarId}/${size}.webp`,
};

/** The public URL of one avatar rendition. */
export const avatarUrl = (
  publicUrl: string,
  channelId: string,
  avatarId: string,
  size: AvatarSize,
) => `${publicUrl}/v1/channels/${channelId}/avatars/${avatarId}/${size}`;

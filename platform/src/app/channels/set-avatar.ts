import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import { findChannel } from '../../db/channels.js';
import {
  AVATAR_DEMUXERS,
  AVATAR_SIDES,
  AVATAR_TIMEOUT_SEC,
  type AvatarSize,
  channelKeys,
  MAX_AVATAR_PIXELS,
} from '../../domain/avatars.js';
import { badRequest, notFound, ReelError } from '../../domain/errors.js';
import { UnreadableMediaError } from '../../ports/transcoder.js';
import { replaceAvatarAnnounced } from './avatar-change.js';
import { type ApiChannel, channelView } from './channel-view.js';

/**
 * Decodes the image into square WebP renditions under a new avatar id, stores them, then
 * points the channel at them; the previous avatar's objects go. Nothing is stored for an image
 * that fails, and a channel deleted meanwhile keeps none.
 */
export async function setChannelAvatar(
  ctx: Context,
  input: { tenantId: string; channelId: string; contentType: string; image: Buffer | undefined },
): Promise<ApiChannel> {
  const { tenantId, channelId } = input;
  if (!(await findChannel(ctx.database.db, tenantId, channelId))) throw notFound('Channel');
  const mediaType = input.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const demuxer = AVATAR_DEMUXERS[mediaType];
  if (!demuxer) {
    throw new ReelError(415, 'unsupported_media_type', 'Send the avatar as JPEG, PNG or WebP', {
      content_type: mediaType,
    });
  }
  if (!input.image || input.image.length === 0) {
    throw badRequest('invalid_image', "The body is empty: send the image's bytes");
  }
  const avatarId = randomUUID();
  const prefix = channelKeys.avatarPrefix(channelId, avatarId);
  try {
    await storeRenditions(ctx, { channelId, avatarId, demuxer, image: input.image });
  } catch (error) {
    await ctx.store.deletePrefix(prefix);
    if (error instanceof UnreadableMediaError) {
      const tooLarge = error.code === 'image_too_large';
      throw new ReelError(
        400,
        tooLarge ? 'image_too_large' : 'invalid_image',
        error.message,
        tooLarge ? { max_pixels: MAX_AVATAR_PIXELS } : undefined,
      );
    }
    throw error;
  }
  const replaced = await replaceAvatarAnnounced(ctx, { tenantId, channelId, avatarId });
  if (!replaced) {
    await ctx.store.deletePrefix(prefix);
    throw notFound('Channel');
  }
  if (replaced.previous) {
    await ctx.store.deletePrefix(channelKeys.avatarPrefix(channelId, replaced.previous));
  }
  return channelView(replaced.channel, ctx.config.publicUrl);
}

async function storeRenditions(
  ctx: Context,
  job: { channelId: string; avatarId: string; demuxer: string; image: Buffer },
) {
  const scratch = await mkdtemp(join(tmpdir(), 'reel-avatar-'));
  try {
    // No extension: the probe must find the type from the bytes, not from a name.
    const input = join(scratch, 'input');
    await writeFile(input, job.image);
    const sizes = Object.keys(AVATAR_SIDES) as AvatarSize[];
    const outputs = sizes.map((size) => ({
      size,
      path: join(scratch, `${size}.webp`),
      side: AVATAR_SIDES[size],
    }));
    await ctx.transcoder.resizeImage({
      input,
      demuxer: job.demuxer,
      outputs,
      maxPixels: MAX_AVATAR_PIXELS,
      timeoutSec: AVATAR_TIMEOUT_SEC,
    });
    for (const output of outputs) {
      await ctx.store.putFile(
        channelKeys.avatar(job.channelId, job.avatarId, output.size),
        output.path,
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

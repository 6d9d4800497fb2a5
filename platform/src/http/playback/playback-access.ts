import type { FastifyRequest } from 'fastify';
import type { PlaybackAccess } from '../../app/playback/playback-answer.js';
import type { Context } from '../../context.js';
import { viewerCountryOf } from '../request/viewer-country.js';

/** A playback request's `token` or `st`, and the viewer's country when a trusted proxy gave it. */
export function playbackAccess(
  ctx: Context,
  request: FastifyRequest & { query: { token?: string; st?: string } },
): PlaybackAccess {
  const { token, st } = request.query;
  const country = viewerCountryOf(ctx.config.viewerCountry, request);
  return { token, st, ...(country && { country }) };
}

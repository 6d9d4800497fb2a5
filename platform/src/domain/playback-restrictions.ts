import type { components } from '../contract/openapi.gen.js';
import { ReelError } from './errors.js';

export type GeoRestriction = components['schemas']['GeoRestriction'];

/** What a request tells about its viewer: the token's `age_verified`, and a country if known. */
export interface ViewerFacts {
  ageVerified: boolean;
  country: string | undefined;
}

/** Whether a country's viewers may play a video with these rules (unknown: only under `deny`). */
export function playsIn(geo: GeoRestriction, country: string | undefined): boolean {
  if ('allow' in geo) return country !== undefined && geo.allow.includes(country);
  return country === undefined || !geo.deny.includes(country);
}

export const ageRestricted = (age: number) =>
  new ReelError(
    403,
    'age_restricted',
    `This video is for viewers ${age} and over: play it with a token that says the age was verified`,
  );

/**
 * Refuses playback the video's restrictions forbid: 403 `age_restricted` without a verified
 * age, 451 `geo_restricted` outside its countries.
 */
export function assertViewerAllowed(
  video: { ageRestriction: number | null; geo: GeoRestriction | null },
  viewer: ViewerFacts,
) {
  if (video.ageRestriction !== null && !viewer.ageVerified)
    throw ageRestricted(video.ageRestriction);
  if (video.geo && !playsIn(video.geo, viewer.country)) {
    throw new ReelError(451, 'geo_restricted', 'This video does not play in your country', {
      country: viewer.country ?? null,
    });
  }
}

/** A country claim or header as Reel compares it: two letters, upper case; else unknown. */
export function countryCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : undefined;
}

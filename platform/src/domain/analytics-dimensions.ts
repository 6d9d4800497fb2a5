import Bowser from 'bowser';

/** The dimensions a view carries, as the API names them. */
export const DIMENSIONS = [
  'country',
  'device',
  'browser',
  'os',
  'referrer',
  'playback_policy',
  'rendition',
  'video',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What a view was watched from; '' where it is unknown. */
export interface ViewDimensions {
  country: string;
  device: string;
  browser: string;
  os: string;
  referrer: string;
}

/** The longest value kept for a dimension: a user agent or header can be anything. */
const MAX_VALUE_LENGTH = 100;

const kept = (value: string | undefined) => (value ?? '').slice(0, MAX_VALUE_LENGTH);

/** Device type, browser and OS from a user agent, by bowser; an empty or odd one is unknown. */
export function userAgentDimensions(userAgent: string) {
  if (userAgent.trim() === '') return { device: '', browser: '', os: '' };
  const parsed = Bowser.parse(userAgent);
  return {
    device: kept(parsed.platform.type),
    browser: kept(parsed.browser.name),
    os: kept(parsed.os.name),
  };
}

/** The host of the page the player ran on, without `www.`; '' when absent or not a URL. */
export function referrerDomain(referrer: string | undefined): string {
  if (!referrer) return '';
  try {
    const { hostname, protocol } = new URL(referrer);
    if (protocol !== 'http:' && protocol !== 'https:') return '';
    return kept(hostname.replace(/^www\./, ''));
  } catch {
    return '';
  }
}

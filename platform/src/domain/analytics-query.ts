import type { components } from '../contract/openapi.gen.js';
import { DIMENSIONS, type Dimension } from './analytics-dimensions.js';
import { badRequest } from './errors.js';
import { isUuid } from './uuid.js';

export type AnalyticsMetrics = components['schemas']['AnalyticsMetrics'];
export type Metric = keyof AnalyticsMetrics;

export const METRICS = [
  'views',
  'engaged_views',
  'unique_viewers',
  'watch_time_sec',
  'average_view_sec',
  'completion_rate',
  'peak_concurrent_viewers',
  'retention',
] as const satisfies readonly Metric[];

/** Metrics of the whole timeframe only: never per series point or breakdown row. */
export const OVERALL_ONLY: readonly Metric[] = ['peak_concurrent_viewers', 'retention'];

export type Grain = 'hour' | 'day';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest timeframes: a year of days, a month of hours. */
export const MAX_DAYS: Record<Grain, number> = { day: 366, hour: 31 };
const DEFAULT_DAYS = 28;

export interface Filter {
  dimension: Dimension;
  value: string;
}

export interface AnalyticsQuery {
  metrics: Metric[];
  grain: Grain;
  from: Date;
  to: Date;
  granularity?: Grain;
  breakdown?: Dimension;
  filters: Filter[];
  offset: number;
  limit: number;
}

export interface RawAnalyticsQuery {
  metrics?: string;
  from?: string;
  to?: string;
  granularity?: Grain;
  breakdown?: string;
  filters?: string;
  cursor?: string;
  limit?: number;
}

const isDimension = (name: string): name is Dimension =>
  (DIMENSIONS as readonly string[]).includes(name);

function parseMetrics(raw: string | undefined): Metric[] {
  if (raw === undefined) return [...METRICS];
  const names = raw.split(',').map((m) => m.trim());
  const unknown = names.filter((m) => !(METRICS as readonly string[]).includes(m));
  if (unknown.length > 0) {
    throw badRequest('unknown_metric', `Unknown metric: ${unknown.join(', ')}`, {
      unknown,
      allowed: METRICS,
    });
  }
  return [...new Set(names)] as Metric[];
}

function parseDimension(name: string, where: 'breakdown' | 'filters'): Dimension {
  if (isDimension(name)) return name;
  throw badRequest('unknown_dimension', `Unknown dimension in ${where}: ${name.slice(0, 40)}`, {
    [where]: name.slice(0, 40),
    allowed: DIMENSIONS,
  });
}

const hasControlCharacters = (value: string) =>
  [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

function parseFilters(raw: string | undefined): Filter[] {
  if (raw === undefined) return [];
  return raw.split(',').map((pair) => {
    const colon = pair.indexOf(':');
    if (colon < 0) {
      throw badRequest('unknown_dimension', 'Each filter is `dimension:value`', {
        filter: pair.slice(0, 100),
        allowed: DIMENSIONS,
      });
    }
    const dimension = parseDimension(pair.slice(0, colon).trim(), 'filters');
    const value = pair.slice(colon + 1).trim();
    // Postgres text holds no NUL, and no dimension value has control characters.
    const bad =
      hasControlCharacters(value) || (dimension === 'video' && value !== '' && !isUuid(value));
    if (bad) {
      throw badRequest(
        'invalid_request',
        `The ${dimension} filter's value is not one a view can have`,
        {
          errors: [{ parameter: 'filters', dimension }],
        },
      );
    }
    return { dimension, value };
  });
}

const floorTo = (t: number, size: number) => Math.floor(t / size) * size;
const ceilTo = (t: number, size: number) => Math.ceil(t / size) * size;

/** Offsets into a breakdown's rows, behind an opaque cursor. */
export const encodeRowCursor = (offset: number) => Buffer.from(`r${offset}`).toString('base64url');

function decodeRowCursor(cursor: string): number {
  const match = /^r(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw badRequest(
      'invalid_cursor',
      'The cursor is not one this API returned; start again without it',
    );
  }
  return Number(match[1]);
}

/**
 * Checks an analytics query and settles its timeframe: rounded out to whole hours (hourly
 * series) or UTC days, at most `MAX_DAYS` long, `to` after `from`.
 */
export function parseAnalyticsQuery(raw: RawAnalyticsQuery, now: Date): AnalyticsQuery {
  const metrics = parseMetrics(raw.metrics);
  const grain: Grain = raw.granularity === 'hour' ? 'hour' : 'day';
  const size = grain === 'hour' ? HOUR_MS : DAY_MS;
  const to = raw.to === undefined ? now.getTime() : Date.parse(raw.to);
  const from = raw.from === undefined ? to - DEFAULT_DAYS * DAY_MS : Date.parse(raw.from);
  if (Number.isNaN(to) || Number.isNaN(from)) {
    throw badRequest('invalid_request', '`from` and `to` must be date-times', {
      errors: [{ parameter: Number.isNaN(from) ? 'from' : 'to' }],
    });
  }
  if (!(to > from)) {
    throw badRequest('invalid_time_range', '`to` must be after `from`', {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
  }
  const start = floorTo(from, size);
  const end = ceilTo(to, size);
  if (end - start > MAX_DAYS[grain] * DAY_MS) {
    throw badRequest('time_range_too_long', `The timeframe is over ${MAX_DAYS[grain]} days`, {
      max_days: MAX_DAYS[grain],
      granularity: grain,
    });
  }
  return {
    metrics,
    grain,
    from: new Date(start),
    to: new Date(end),
    ...(raw.granularity && { granularity: raw.granularity }),
    ...(raw.breakdown !== undefined && { breakdown: parseDimension(raw.breakdown, 'breakdown') }),
    filters: parseFilters(raw.filters),
    offset: raw.cursor === undefined ? 0 : decodeRowCursor(raw.cursor),
    limit: raw.limit ?? 25,
  };
}

/** The buckets of a timeframe, oldest first. */
export function bucketsOf(query: Pick<AnalyticsQuery, 'from' | 'to' | 'grain'>): Date[] {
  const size = query.grain === 'hour' ? HOUR_MS : DAY_MS;
  const buckets: Date[] = [];
  for (let t = query.from.getTime(); t < query.to.getTime(); t += size) buckets.push(new Date(t));
  return buckets;
}

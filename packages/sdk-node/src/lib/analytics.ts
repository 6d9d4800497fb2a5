import type { AnalyticsMetrics, GetVideoAnalyticsData } from '../generated/types.gen';

type WireQuery = NonNullable<GetVideoAnalyticsData['query']>;

/** An analytics query with JavaScript values; `toWireQuery` writes it as the API takes it. */
export interface AnalyticsQuery {
  /** The metrics to answer; all of them when left out. */
  metrics?: (keyof AnalyticsMetrics)[];
  from?: Date | string;
  to?: Date | string;
  /** Adds `series`: one point per hour or UTC day. */
  granularity?: 'hour' | 'day';
  /** Adds `rows`: one per value of this dimension, most views first. */
  breakdown?:
    | 'country'
    | 'device'
    | 'browser'
    | 'os'
    | 'referrer'
    | 'playback_policy'
    | 'rendition'
    | 'video';
  /** Every view counted matches all of these, such as `{ country: 'FR' }`. */
  filters?: Partial<Record<NonNullable<AnalyticsQuery['breakdown']>, string>>;
  cursor?: string;
  limit?: number;
}

const isoOf = (t: Date | string | undefined) => (t instanceof Date ? t.toISOString() : t);

export function toWireQuery(query: AnalyticsQuery): WireQuery {
  const filters = Object.entries(query.filters ?? {}).map(([d, v]) => `${d}:${v}`);
  return {
    ...(query.metrics && { metrics: query.metrics.join(',') }),
    ...(query.from !== undefined && { from: isoOf(query.from) }),
    ...(query.to !== undefined && { to: isoOf(query.to) }),
    ...(query.granularity && { granularity: query.granularity }),
    ...(query.breakdown && { breakdown: query.breakdown }),
    ...(filters.length > 0 && { filters: filters.join(',') }),
    ...(query.cursor && { cursor: query.cursor }),
    ...(query.limit !== undefined && { limit: query.limit }),
  };
}

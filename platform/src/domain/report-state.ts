import type { components } from '../contract/openapi.gen.js';
import { conflict } from './errors.js';

export type ReportReason = components['schemas']['ReportReason'];
export type ReportState = components['schemas']['ReportState'];
export type Resolution = Exclude<ReportState, 'open'>;

/**
 * Checks a resolution: an open report takes either; resolving it again the same way is a no-op
 * (false), the other way a 409, since the reporter was already answered.
 */
export function mustResolve(from: ReportState, to: Resolution): boolean {
  if (from === 'open') return true;
  if (from === to) return false;
  throw conflict('report_resolved', `The report was ${from} already`, { state: from });
}

import { badRequest, conflict, ReelError } from './errors.js';

const MiB = 1024 * 1024;
export const MIN_PART_BYTES = 5 * MiB;
export const MAX_PART_BYTES = 64 * MiB;
export const MAX_PARTS = 10_000;
const DEFAULT_PART_BYTES = 8 * MiB;

export interface PartPlan {
  partSize: number;
  partCount: number;
}

/** Splits a file into parts: the asked size, or 8 MiB grown so the count stays under 10,000. */
export function planParts(sizeBytes: number, maxUploadBytes: number, asked?: number): PartPlan {
  if (sizeBytes > maxUploadBytes) {
    throw new ReelError(
      413,
      'upload_too_large',
      `The file is over the ${maxUploadBytes}-byte limit`,
      {
        size_bytes: sizeBytes,
        max_bytes: maxUploadBytes,
      },
    );
  }
  const needed = Math.ceil(sizeBytes / MAX_PARTS);
  const partSize = asked ?? Math.max(DEFAULT_PART_BYTES, Math.ceil(needed / MiB) * MiB);
  if (partSize > MAX_PART_BYTES || Math.ceil(sizeBytes / partSize) > MAX_PARTS) {
    throw badRequest(
      'part_size_too_small',
      `Parts of ${partSize} bytes would be over ${MAX_PARTS}`,
    );
  }
  return { partSize, partCount: Math.max(1, Math.ceil(sizeBytes / partSize)) };
}

/** The exact byte count part `n` must have. */
export function expectedPartSize(sizeBytes: number, plan: PartPlan, partNumber: number): number {
  if (partNumber < 1 || partNumber > plan.partCount) {
    throw badRequest('invalid_part_number', `Part numbers run from 1 to ${plan.partCount}`);
  }
  return partNumber < plan.partCount
    ? plan.partSize
    : sizeBytes - plan.partSize * (plan.partCount - 1);
}

export interface StoredPart {
  partNumber: number;
  sizeBytes: number;
  etag: string;
}

/** Checks the parts before completing: all present, each the right size, ETags as the client saw. */
export function checkPartsComplete(
  sizeBytes: number,
  plan: PartPlan,
  stored: readonly StoredPart[],
  claimed?: readonly { part_number: number; etag: string }[],
): void {
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  const missing: number[] = [];
  for (let n = 1; n <= plan.partCount; n++) if (!byNumber.has(n)) missing.push(n);
  if (missing.length > 0) {
    throw conflict(
      'missing_parts',
      `${missing.length} of ${plan.partCount} parts are not stored yet`,
      {
        missing_parts: missing.slice(0, 1000),
      },
    );
  }
  for (const part of stored) {
    if (part.sizeBytes !== expectedPartSize(sizeBytes, plan, part.partNumber)) {
      throw new ReelError(422, 'part_size_mismatch', `Part ${part.partNumber} has the wrong size`, {
        part_number: part.partNumber,
      });
    }
  }
  for (const c of claimed ?? []) {
    const part = byNumber.get(c.part_number);
    if (!part || part.etag !== c.etag.replaceAll('"', '')) {
      throw new ReelError(422, 'etag_mismatch', `Part ${c.part_number} is not the part you sent`, {
        part_number: c.part_number,
      });
    }
  }
}

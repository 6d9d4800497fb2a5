import { ReelError } from './errors.js';

/** The SHA-256 the whole file must have: given at create, or else at complete. */
export function requiredSha256(atCreate: string, atComplete: string | undefined): string {
  const sha256 = atCreate || atComplete;
  if (!sha256) {
    throw new ReelError(
      422,
      'checksum_required',
      'Give the file’s sha256 at create or at complete',
    );
  }
  return sha256;
}

/** Why the assembled file is not the one announced; undefined when it is. */
export function wholeFileProblem(
  whole: { size: number; sha256: string },
  expected: { sizeBytes: number; sha256: string },
): ReelError | undefined {
  if (whole.size !== expected.sizeBytes) {
    return new ReelError(
      422,
      'size_mismatch',
      `The parts add up to ${whole.size} bytes, not ${expected.sizeBytes}`,
    );
  }
  if (whole.sha256 !== expected.sha256) {
    return new ReelError(
      422,
      'checksum_mismatch',
      'The SHA-256 of the uploaded bytes does not match the one given at create',
      { expected_sha256: expected.sha256, actual_sha256: whole.sha256 },
    );
  }
  return undefined;
}

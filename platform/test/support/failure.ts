import { ReelError } from '@reel/sdk';

/** The ReelError a call fails with; fails the test when the call succeeds or fails otherwise. */
export async function failure(promise: Promise<unknown>): Promise<ReelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ReelError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A refused HTTP answer's status and error code. */
export const refusal = async (response: Response) => ({
  status: response.status,
  code: ((await response.json()) as { code: string }).code,
});

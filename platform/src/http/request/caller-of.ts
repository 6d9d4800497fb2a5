import type { FastifyRequest } from 'fastify';
import type { Caller } from '../operation.js';

/** Who called, or why they were refused: settled before the rate limit, thrown after it. */
type Outcome = { caller: Caller } | { refused: unknown };
const outcomes = new WeakMap<FastifyRequest, Outcome>();

export async function settleCaller(request: FastifyRequest, attempt: Promise<Caller>) {
  outcomes.set(
    request,
    await attempt.then(
      (caller) => ({ caller }),
      (refused: unknown) => ({ refused }),
    ),
  );
}

/** The authenticated caller, if the credential checked out. */
export function callerOf(request: FastifyRequest): Caller | undefined {
  const outcome = outcomes.get(request);
  return outcome && 'caller' in outcome ? outcome.caller : undefined;
}

/** The caller, or the refusal of its credential as the error to answer with. */
export function takeCaller(request: FastifyRequest): Caller {
  const outcome = outcomes.get(request);
  if (!outcome) throw new Error('The route ran before its caller was authenticated');
  if ('refused' in outcome) throw outcome.refused;
  return outcome.caller;
}

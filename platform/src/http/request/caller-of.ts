import type { FastifyRequest } from 'fastify';
import type { Caller } from '../operation.js';

/** Who called, or why they were refused: settled before the rate limit, thrown after it. */
type Outcome = { caller: Caller } | { refused: unknown };
// A property of the request, not a WeakMap entry: every request has one, and a WeakMap costs
// more to write and to collect.
const OUTCOME = Symbol('caller outcome');
type Settled = FastifyRequest & { [OUTCOME]?: Outcome };

export function settleCaller(request: FastifyRequest, attempt: Promise<Caller>): Promise<void> {
  return attempt.then(
    (caller) => {
      (request as Settled)[OUTCOME] = { caller };
    },
    (refused: unknown) => {
      (request as Settled)[OUTCOME] = { refused };
    },
  );
}

/** The authenticated caller, if the credential checked out. */
export function callerOf(request: FastifyRequest): Caller | undefined {
  const outcome = (request as Settled)[OUTCOME];
  return outcome && 'caller' in outcome ? outcome.caller : undefined;
}

/** The caller, or the refusal of its credential as the error to answer with. */
export function takeCaller(request: FastifyRequest): Caller {
  const outcome = (request as Settled)[OUTCOME];
  if (!outcome) throw new Error('The route ran before its caller was authenticated');
  if ('refused' in outcome) throw outcome.refused;
  return outcome.caller;
}

import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadContract } from '../../src/contract/contract.js';

const contract = loadContract();
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as { default: (a: Ajv) => void };
addFormats.default(ajv);

const routes = contract.operations.map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+').replaceAll('.', '\\.')}$`),
}));

const documented = (op: (typeof routes)[number]['op'], status: number) => {
  const raw = (
    contract.document.paths as Record<
      string,
      Record<string, { responses: Record<string, unknown> }>
    >
  )[op.path];
  return Boolean(raw?.[op.method.toLowerCase()]?.responses[String(status)]);
};

/** Every contract violation seen, so a test can also assert none happened. */
export const violations: string[] = [];

/**
 * A fetch that checks every response against the contract: the status must be documented for
 * the operation, and a JSON body must match its schema. A mismatch fails the request loudly.
 */
export const contractFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const url = new URL(request.url);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const route = routes.find((r) => r.op.method === method && r.pattern.test(url.pathname));
  if (!route) return response;
  const where = `${request.method} ${url.pathname} → ${response.status}`;
  if (!documented(route.op, response.status)) {
    violations.push(`${where}: status not in the contract for ${route.op.operationId}`);
    throw new Error(violations.at(-1));
  }
  const schema = route.op.jsonResponses[String(response.status)];
  if (schema && request.method !== 'HEAD') {
    const body: unknown = await response.clone().json();
    const validate = ajv.compile(schema);
    if (!validate(body)) {
      violations.push(`${where}: body breaks the contract: ${ajv.errorsText(validate.errors)}`);
      throw new Error(violations.at(-1));
    }
  }
  return response;
};

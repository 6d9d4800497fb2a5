import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const common: Options = { strict: false, allErrors: false, useDefaults: true };

/**
 * Bodies are JSON and must already have the contract's types: no coercion, and unknown fields
 * are an error, not silently dropped. Paths, queries and headers arrive as text, so they are
 * coerced to the contract's types.
 */
const bodies = addFormats.default(new Ajv.default({ ...common, coerceTypes: false }));
const texts = addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' }));

export function validateAsContractSays(app: FastifyInstance) {
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodies : texts).compile(schema),
  );
}

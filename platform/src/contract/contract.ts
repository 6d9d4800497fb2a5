import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The contract as one file: `openapi/openapi.yaml` and the files it `$ref`s, bundled by Redocly. */
export const CONTRACT_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../openapi/bundled/openapi.json',
);

type Json = Record<string, unknown>;

export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Json;
}

export type SecurityScheme = 'apiKey' | 'operatorToken' | 'viewerToken' | 'uploadToken';

export interface ContractOperation {
  operationId: string;
  method: string;
  /** OpenAPI path, `/v1/videos/{video_id}` */
  path: string;
  /** Fastify path, `/v1/videos/:video_id` */
  routePath: string;
  /** The security schemes that may call it, any one of them (none: public). */
  security: SecurityScheme[];
  /**
   * Also answers callers with no credential at all (an empty `{}` alternative beside the
   * schemes): they get the public view. A credential that is sent must still check out.
   */
  anonymous: boolean;
  /** The scopes a viewer token must carry for it (the `viewerToken` alternative's list). */
  viewerScopes: string[];
  tags: string[];
  parameters: ContractParameter[];
  jsonBody: Json | undefined;
  bodyRequired: boolean;
  /** Takes its body as raw bytes (`application/octet-stream`), streamed, never parsed. */
  rawBody: boolean;
  /** JSON response schemas by status code. */
  jsonResponses: Record<string, Json>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Replaces every local `$ref` with what it points at (our schemas have no cycles). */
function dereference(node: unknown, root: Json): unknown {
  if (Array.isArray(node)) return node.map((n) => dereference(n, root));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Json;
  if (typeof obj.$ref === 'string') {
    const target = obj.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (at as Json)[key], root);
    return dereference(target, root);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, dereference(v, root)]));
}

/** Strips OpenAPI-only annotations that JSON Schema validators do not know. */
function jsonSchema(schema: unknown): Json {
  return JSON.parse(
    JSON.stringify(schema, (key, value) => (key === 'contentMediaType' ? undefined : value)),
  ) as Json;
}

function jsonBodySchema(content: Json | undefined): Json | undefined {
  const schema = (content?.['application/json'] as Json | undefined)?.schema;
  return schema ? jsonSchema(schema) : undefined;
}

export function loadContract(path = CONTRACT_PATH) {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Json;
  const document = dereference(raw, raw) as Json;
  const alternativesOf = (security: unknown) =>
    (Array.isArray(security) ? security : []) as Record<SecurityScheme, string[]>[];
  const globalSecurity = alternativesOf(document.security);
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
      const jsonResponses: Record<string, Json> = {};
      for (const [status, response] of Object.entries(
        (op.responses ?? {}) as Record<string, Json>,
      )) {
        const schema = (
          (response.content as Json | undefined)?.['application/json'] as Json | undefined
        )?.schema;
        if (schema) jsonResponses[status] = jsonSchema(schema);
      }
      const alternatives = op.security ? alternativesOf(op.security) : globalSecurity;
      const security = alternatives.flatMap((alt) => Object.keys(alt) as SecurityScheme[]);
      operations.push({
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        security,
        anonymous: security.length > 0 && alternatives.some((alt) => Object.keys(alt).length === 0),
        viewerScopes: alternatives.find((alt) => alt.viewerToken)?.viewerToken ?? [],
        tags: (op.tags as string[] | undefined) ?? [],
        parameters: ((op.parameters ?? []) as ContractParameter[]).map((p) => ({
          ...p,
          schema: jsonSchema(p.schema),
        })),
        jsonBody: jsonBodySchema(body),
        bodyRequired: Boolean((op.requestBody as Json | undefined)?.required),
        rawBody: Boolean(body?.['application/octet-stream']),
        jsonResponses,
      });
    }
  }
  return { raw, document, operations };
}

export type Contract = ReturnType<typeof loadContract>;

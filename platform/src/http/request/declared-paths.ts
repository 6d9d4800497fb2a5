import type { ContractOperation } from '../../contract/contract.js';

interface DeclaredPath {
  /** Fastify's form, `/v1/videos/:video_id`, to compare with the route a request matched. */
  routePath: string;
  pattern: RegExp;
  literalSegments: number;
  methods: Set<string>;
}

/**
 * The contract path a URL belongs to and the methods declared for it. The most literal path
 * wins, so `/parts/sign` is its own path and not a part number of `/parts/{part_number}`.
 */
export function declaredPathsOf(operations: readonly ContractOperation[]) {
  const byPath = new Map<string, DeclaredPath>();
  for (const op of operations) {
    const entry = byPath.get(op.path) ?? {
      routePath: op.routePath,
      pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literalSegments: op.path.split('/').filter((s) => s && !s.startsWith('{')).length,
      methods: new Set<string>(),
    };
    entry.methods.add(op.method);
    if (op.method === 'GET') entry.methods.add('HEAD');
    byPath.set(op.path, entry);
  }
  const paths = [...byPath.values()].sort((a, b) => b.literalSegments - a.literalSegments);
  const find = (url: string): { routePath: string; methods: string[] } | undefined => {
    const path = url.split('?')[0] ?? '';
    const hit = paths.find((p) => p.pattern.test(path));
    return hit && { routePath: hit.routePath, methods: [...hit.methods].sort() };
  };
  return Object.assign(find, { unshadowed: unshadowedRoutes([...byPath.keys()]) });
}

/** Whether a literal segment may stand where a parameter is: `sign` for `{part_number}`. */
const covers = (general: string[], literal: string[]) =>
  general.length === literal.length &&
  general.some((segment, i) => segment !== literal[i]) &&
  general.every((segment, i) => segment === literal[i] || segment.startsWith('{'));

/**
 * The routes (Fastify's form) no more literal contract path shares a URL with: a request
 * Fastify matched to one of them belongs to it, so its method is declared there and the
 * per-request search for the URL's path can be skipped.
 */
function unshadowedRoutes(paths: readonly string[]): Set<string> {
  const split = paths.map((path) => path.split('/'));
  return new Set(
    paths
      .filter((_, i) => !split.some((other) => covers(split[i] ?? [], other)))
      .map((path) => path.replace(/\{([^}]+)\}/g, ':$1')),
  );
}

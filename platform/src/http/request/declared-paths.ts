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
  return (url: string): { routePath: string; methods: string[] } | undefined => {
    const path = url.split('?')[0] ?? '';
    const hit = paths.find((p) => p.pattern.test(path));
    return hit && { routePath: hit.routePath, methods: [...hit.methods].sort() };
  };
}

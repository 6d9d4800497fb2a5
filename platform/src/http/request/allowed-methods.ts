import type { ContractOperation } from '../../contract/contract.js';

/** For a URL no route matched: the methods the contract does declare for its path, if any. */
export function allowedMethodsOf(operations: readonly ContractOperation[]) {
  const byPath = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const op of operations) {
    const entry = byPath.get(op.path) ?? {
      pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      methods: new Set<string>(),
    };
    entry.methods.add(op.method);
    if (op.method === 'GET') entry.methods.add('HEAD');
    byPath.set(op.path, entry);
  }
  const entries = [...byPath.values()];
  return (url: string): string[] => {
    const path = url.split('?')[0] ?? '';
    const hit = entries.find((e) => e.pattern.test(path));
    return hit ? [...hit.methods].sort() : [];
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/contract.js';
import { DOCUMENTATION_PREFIXES, routesOf } from '../../src/http/app.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ roles: [] });
});
afterAll(() => harness?.stop());

/** Every route the server registered, as `METHOD /path` with OpenAPI-style parameters. */
function serverRoutes(): Set<string> {
  const app = harness.reel.app;
  if (!app) throw new Error('no http app');
  return new Set(
    routesOf(app).map((r) => `${r.method} ${r.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`),
  );
}

describe('contract and server agree', () => {
  const operations = loadContract().operations;

  it('implements every operation in the contract', () => {
    const routes = serverRoutes();
    const missing = operations.filter((op) => !routes.has(`${op.method} ${op.path}`));
    expect(missing.map((op) => op.operationId)).toEqual([]);
  });

  it('serves no route the contract does not describe', () => {
    const inContract = new Set(operations.map((op) => `${op.method} ${op.path}`));
    const extra = [...serverRoutes()].filter((route) => {
      const [method, path = ''] = route.split(' ');
      if (method === 'HEAD' || method === 'OPTIONS') return false; // automatic for GET and CORS
      if (DOCUMENTATION_PREFIXES.some((prefix) => path.startsWith(prefix))) return false;
      return !inContract.has(route);
    });
    expect(extra).toEqual([]);
  });

  it('serves the contract and a reference page', async () => {
    const spec = (await (await fetch(`${harness.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/v1/uploads');
    const page = await fetch(`${harness.url}/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });
});

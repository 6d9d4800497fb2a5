import { parseArgs } from 'node:util';
import { ReelOperator } from '@reel/sdk';
import { cliCredentials } from './credentials.js';

/** `reel tenants create --name N [--json]` and `reel tenants list [--json]`, as the operator. */
export async function runTenants(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const { apiUrl, secret } = await cliCredentials('operatorToken');
  const operator = new ReelOperator({ operatorToken: secret, baseUrl: apiUrl });
  const [action] = positionals;
  if (action === 'create') {
    if (!values.name) throw new Error('Usage: reel tenants create --name NAME [--json]');
    const tenant = await operator.tenants.create({ name: values.name });
    if (values.json)
      console.log(JSON.stringify({ tenant_id: tenant.tenant_id, api_key: tenant.api_key }));
    else
      console.log(
        `Tenant ${tenant.tenant_id} (${tenant.name})\nAPI key (shown once): ${tenant.api_key}`,
      );
    return 0;
  }
  if (action === 'list') {
    for await (const tenant of operator.tenants.list()) {
      console.log(
        values.json
          ? JSON.stringify(tenant)
          : `${tenant.tenant_id}  ${tenant.name}${tenant.suspended_at ? '  (suspended)' : ''}`,
      );
    }
    return 0;
  }
  throw new Error('Usage: reel tenants create --name NAME [--json] | reel tenants list [--json]');
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readVariables } from '../config-variables.js';

interface DevJson {
  apiUrl?: string;
  apiKey?: string;
  operatorToken?: string;
}

async function devJson(dataDir: string): Promise<DevJson> {
  try {
    return JSON.parse(await readFile(resolve(dataDir, 'dev.json'), 'utf8')) as DevJson;
  } catch {
    return {};
  }
}

/** The API URL and a credential: from the environment, else from `.reel/dev.json`. */
export async function cliCredentials(
  kind: 'apiKey' | 'operatorToken',
): Promise<{ apiUrl: string; secret: string }> {
  const env = readVariables(process.env);
  const dev = await devJson(env.REEL_DATA_DIR);
  const apiUrl = env.REEL_API_URL ?? dev.apiUrl;
  const secret =
    kind === 'apiKey'
      ? (env.REEL_API_KEY ?? dev.apiKey)
      : (env.REEL_OPERATOR_TOKEN ?? dev.operatorToken);
  const variable = kind === 'apiKey' ? 'REEL_API_KEY' : 'REEL_OPERATOR_TOKEN';
  if (!apiUrl || !secret) {
    throw new Error(
      `Set REEL_API_URL and ${variable}, or run \`npm start\` first (it writes .reel/dev.json)`,
    );
  }
  return { apiUrl, secret };
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

interface DevJson {
  apiUrl?: string;
  apiKey?: string;
  operatorToken?: string;
}

async function devJson(): Promise<DevJson> {
  try {
    return JSON.parse(
      await readFile(resolve(process.env.REEL_DATA_DIR ?? '.reel', 'dev.json'), 'utf8'),
    ) as DevJson;
  } catch {
    return {};
  }
}

/** The API URL and a credential: from the environment, else from `.reel/dev.json`. */
export async function cliCredentials(
  kind: 'apiKey' | 'operatorToken',
): Promise<{ apiUrl: string; secret: string }> {
  const dev = await devJson();
  const apiUrl = process.env.REEL_API_URL ?? dev.apiUrl;
  const secret =
    kind === 'apiKey'
      ? (process.env.REEL_API_KEY ?? dev.apiKey)
      : (process.env.REEL_OPERATOR_TOKEN ?? dev.operatorToken);
  const variable = kind === 'apiKey' ? 'REEL_API_KEY' : 'REEL_OPERATOR_TOKEN';
  if (!apiUrl || !secret) {
    throw new Error(
      `Set REEL_API_URL and ${variable}, or run \`npm start\` first (it writes .reel/dev.json)`,
    );
  }
  return { apiUrl, secret };
}

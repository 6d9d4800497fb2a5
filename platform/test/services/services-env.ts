import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ServicesEnv {
  redisUrl: string;
  kafkaBrokers: string[];
  opensearchUrl: string;
  s3: {
    endpoint: string;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
}

const envFile = fileURLToPath(new URL('../../../.reel/services.env', import.meta.url));

const keys = [
  'REDIS_URL',
  'KAFKA_BROKERS',
  'OPENSEARCH_URL',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;

type Key = (typeof keys)[number];

/** Reads the addresses that scripts/services/up wrote; throws a clear error if it never ran. */
export function loadServicesEnv(): ServicesEnv {
  let text: string;
  try {
    text = readFileSync(envFile, 'utf8');
  } catch {
    throw new Error(`${envFile} is missing: start the services first with scripts/services/up`);
  }
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) values.set(match[1], match[2]);
  }
  const get = (key: Key): string => {
    const value = values.get(key);
    if (!value) throw new Error(`${envFile} has no ${key}: run scripts/services/up again`);
    return value;
  };
  return {
    redisUrl: get('REDIS_URL'),
    kafkaBrokers: get('KAFKA_BROKERS').split(','),
    opensearchUrl: get('OPENSEARCH_URL'),
    s3: {
      endpoint: get('S3_ENDPOINT'),
      region: get('S3_REGION'),
      bucket: get('S3_BUCKET'),
      accessKeyId: get('S3_ACCESS_KEY_ID'),
      secretAccessKey: get('S3_SECRET_ACCESS_KEY'),
    },
  };
}

/** A name no earlier run used, so reruns against long-lived services never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

import { describe, expect, it } from 'vitest';
import { S3Store } from '../../src/adapters/object-store/s3.js';

const store = (cdnBaseUrl?: string) =>
  new S3Store({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    bucket: 'media',
    accessKeyId: 'key',
    secretAccessKey: 'secret',
    abandonedUploadDays: 7,
    ...(cdnBaseUrl && { cdnBaseUrl }),
  });

describe('S3 download URLs', () => {
  const key = 'transcoded/v1/720p/seg_00001.m4s';

  it('point shareable media at the CDN, and everything else at a presigned URL that expires', () => {
    const withCdn = store('https://cdn.example.test');
    expect(withCdn.downloadUrl(key, 3600, { shareable: true })).toBe(
      `https://cdn.example.test/${key}`,
    );
    const signed = new URL(withCdn.downloadUrl(key, 3600, { shareable: false }));
    expect(signed.origin).toBe('http://127.0.0.1:9');
    expect(signed.pathname).toBe(`/media/${key}`);
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('3600');
  });

  it('presign shareable media too when there is no CDN', () => {
    const url = new URL(store().downloadUrl(key, 600, { shareable: true }));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
  });
});

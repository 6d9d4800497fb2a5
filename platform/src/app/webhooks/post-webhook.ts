import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { refusedAnswers, refusedUrl } from '../../domain/webhook-targets.js';

export interface WebhookResponse {
  statusCode: number | null;
  latencyMs: number;
  excerpt: string | null;
  retryAfter: string | undefined;
  error: string | null;
}

const EXCERPT = 500;

/**
 * POSTs one webhook. The address is checked after DNS, at connect time, so a name that
 * resolves (or re-resolves) to a private address is refused; redirects are never followed.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowLoopback: boolean },
): Promise<WebhookResponse> {
  const started = Date.now();
  const done = (part: Partial<WebhookResponse>): WebhookResponse => ({
    statusCode: null,
    excerpt: null,
    retryAfter: undefined,
    error: null,
    ...part,
    latencyMs: Date.now() - started,
  });
  const refused = refusedUrl(url, options.allowLoopback);
  if (refused) return Promise.resolve(done({ error: `refused: ${refused}` }));
  const target = new URL(url);
  // Every answer is checked and Node gets the form it asked for: with autoSelectFamily (on by
  // default since Node 20) it asks for all of them, and connects only to what it got here.
  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, answers) => {
      if (error) return callback(error, '', 0);
      const reason = refusedAnswers(
        hostname,
        answers.map((a) => a.address),
        options.allowLoopback,
      );
      if (reason) return callback(new Error(`refused: ${reason}`), '', 0);
      if (lookupOptions.all) return callback(null, answers);
      const [first] = answers;
      callback(null, first?.address ?? '', first?.family);
    });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        lookup: guardedLookup,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Reel-Webhooks/1',
          ...headers,
        },
        timeout: options.timeoutMs,
      },
      (res) => {
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (excerpt.length < EXCERPT) excerpt += chunk;
        });
        res.on('end', () =>
          resolve(
            done({
              statusCode: res.statusCode ?? null,
              excerpt: excerpt.slice(0, EXCERPT),
              retryAfter: res.headers['retry-after'],
              error:
                res.statusCode && res.statusCode >= 300 && res.statusCode < 400
                  ? 'redirects are not followed'
                  : null,
            }),
          ),
        );
        res.on('error', (error) =>
          resolve(done({ statusCode: res.statusCode ?? null, error: error.message })),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) => resolve(done({ error: error.message })));
    req.end(body);
  });
}

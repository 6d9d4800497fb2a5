import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import { contractFetch } from './contract-fetch.js';

/**
 * Posts one view report as a player does: after a 503 (back-pressure on a busy machine) again
 * once the wait the server asks for is over; anything else must be taken (202), since a refused
 * report is a view the test expects and no worker ever saw.
 */
export async function postViewReport(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<void> {
  for (;;) {
    const response = await contractFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (response.status !== 503) {
      expect(response.status, await response.text()).toBe(202);
      return;
    }
    await response.body?.cancel();
    await delay(Number(response.headers.get('retry-after') ?? '1') * 1000);
  }
}

import { expect } from 'vitest';
import { contractFetch } from './contract-fetch.js';
import { until } from './polling.js';

/**
 * Posts one view report as a player does: again while the server sheds load (503); anything
 * else must be taken (202), since a refused report is a view the test expects and no worker saw.
 */
export async function postViewReport(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<void> {
  const answer = await until('the view report to be taken or refused', async () => {
    const response = await contractFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (response.status === 503) {
      await response.body?.cancel();
      return undefined;
    }
    return { status: response.status, text: await response.text() };
  });
  expect(answer.status, answer.text).toBe(202);
}

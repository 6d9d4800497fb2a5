import { freePort } from './free-port.js';
import { startHarness } from './harness.js';

/**
 * A Reel with the live role on an RTMP port of its own, webhooks to loopback allowed, and the
 * reconnect window given (short, so a test sees sessions end).
 */
export async function startLiveHarness(reconnectWindowMs: number) {
  const rtmpPort = await freePort();
  return startHarness({
    roles: ['relay', 'webhooks', 'live'],
    env: {
      REEL_WEBHOOK_ALLOW_LOOPBACK: 'true',
      REEL_RTMP_PORT: String(rtmpPort),
      REEL_RTMP_PUBLIC_URL: `rtmp://localhost:${rtmpPort}/live`,
      REEL_LIVE_RECONNECT_WINDOW_MS: String(reconnectWindowMs),
    },
  });
}

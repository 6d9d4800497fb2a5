export type * from './generated/types.gen';
export type { AnalyticsQuery } from './lib/analytics';
export { type ClientErrorCode, ReelConnectionError, ReelError } from './lib/errors';
export type { NotificationStreamOptions } from './lib/notification-stream';
export { Paginated } from './lib/pages';
export { PlaybackReporter } from './lib/playback-reports';
export {
  Reel,
  ReelOperator,
  type ReelOperatorOptions,
  type ReelOptions,
  ReelViewer,
} from './lib/reel';
export {
  type Lifetime,
  type SigningKeyInput,
  signLivePlaybackToken,
  signPlaybackToken,
  signViewerToken,
} from './lib/tokens';
export { WebhookVerificationError, webhooks } from './lib/webhooks';

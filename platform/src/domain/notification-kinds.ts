import type { components } from '../contract/openapi.gen.js';

export type NotificationKind = components['schemas']['NotificationKind'];

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'video_published',
  'comment_reply',
  'channel_comment',
  'comment_approved',
];

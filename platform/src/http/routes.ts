import { getAnalyticsOverview } from './analytics/get-analytics-overview.js';
import { getChannelAnalytics } from './analytics/get-channel-analytics.js';
import { getVideoAnalytics } from './analytics/get-video-analytics.js';
import { listAuditLog } from './audit/list-audit-log.js';
import { createBlockedMedia } from './blocked-media/create-blocked-media.js';
import { createOperatorBlockedMedia } from './blocked-media/create-operator-blocked-media.js';
import { deleteBlockedMedia } from './blocked-media/delete-blocked-media.js';
import { deleteOperatorBlockedMedia } from './blocked-media/delete-operator-blocked-media.js';
import { listBlockedMedia } from './blocked-media/list-blocked-media.js';
import { listOperatorBlockedMedia } from './blocked-media/list-operator-blocked-media.js';
import { createCaption } from './captions/create-caption.js';
import { deleteCaption } from './captions/delete-caption.js';
import { getCaption } from './captions/get-caption.js';
import { listCaptions } from './captions/list-captions.js';
import { createChannel } from './channels/create-channel.js';
import { deleteChannel } from './channels/delete-channel.js';
import { deleteChannelAvatar } from './channels/delete-channel-avatar.js';
import { getChannel } from './channels/get-channel.js';
import { getChannelAvatar } from './channels/get-channel-avatar.js';
import { listChannelVideos } from './channels/list-channel-videos.js';
import { listChannels } from './channels/list-channels.js';
import { setChannelAvatar } from './channels/set-channel-avatar.js';
import { updateChannel } from './channels/update-channel.js';
import { approveComment } from './comments/approve-comment.js';
import { createComment } from './comments/create-comment.js';
import { createCommentBan } from './comments/create-comment-ban.js';
import { deleteComment } from './comments/delete-comment.js';
import { deleteCommentBan } from './comments/delete-comment-ban.js';
import { listCommentReplies } from './comments/list-comment-replies.js';
import { listComments } from './comments/list-comments.js';
import { listModerationComments } from './comments/list-moderation-comments.js';
import { rejectComment } from './comments/reject-comment.js';
import { updateComment } from './comments/update-comment.js';
import { createApiKey } from './credentials/create-api-key.js';
import { createSigningKey } from './credentials/create-signing-key.js';
import { deleteSigningKey } from './credentials/delete-signing-key.js';
import { listApiKeys } from './credentials/list-api-keys.js';
import { listSigningKeys } from './credentials/list-signing-keys.js';
import { revokeApiKey } from './credentials/revoke-api-key.js';
import { clearWatchHistory } from './history/clear-watch-history.js';
import { deleteWatchHistoryEntry } from './history/delete-watch-history-entry.js';
import { getWatchHistorySettings } from './history/get-watch-history-settings.js';
import { listWatchHistory } from './history/list-watch-history.js';
import { updateWatchHistorySettings } from './history/update-watch-history-settings.js';
import { likeVideo } from './likes/like-video.js';
import { unlikeVideo } from './likes/unlike-video.js';
import { createLiveChatMessage } from './live-chat/create-live-chat-message.js';
import { deleteLiveChatMessage } from './live-chat/delete-live-chat-message.js';
import { listLiveChatMessages } from './live-chat/list-live-chat-messages.js';
import { listVideoChat } from './live-chat/list-video-chat.js';
import { streamLiveChat } from './live-chat/stream-live-chat.js';
import { createLiveStream } from './live-streams/create-live-stream.js';
import { deleteLiveStream } from './live-streams/delete-live-stream.js';
import { disableLiveStream } from './live-streams/disable-live-stream.js';
import { getLiveStream } from './live-streams/get-live-stream.js';
import { getLiveStreamManifest } from './live-streams/get-live-stream-manifest.js';
import { getLiveStreamMedia } from './live-streams/get-live-stream-media.js';
import { getLiveStreamPlaylist } from './live-streams/get-live-stream-playlist.js';
import { listLiveStreams } from './live-streams/list-live-streams.js';
import { resetLiveStreamKey } from './live-streams/reset-live-stream-key.js';
import { updateLiveStream } from './live-streams/update-live-stream.js';
import { createNotificationStreamTicket } from './notifications/create-notification-stream-ticket.js';
import { getNotificationSettings } from './notifications/get-notification-settings.js';
import { listNotifications } from './notifications/list-notifications.js';
import { markAllNotificationsRead } from './notifications/mark-all-notifications-read.js';
import { markNotificationRead } from './notifications/mark-notification-read.js';
import { streamNotifications } from './notifications/stream-notifications.js';
import { updateNotificationSettings } from './notifications/update-notification-settings.js';
import type { Handlers } from './operation.js';
import { getCaptionPlaylist } from './playback/get-caption-playlist.js';
import { getCaptionTrack } from './playback/get-caption-track.js';
import { getDashManifest } from './playback/get-dash-manifest.js';
import { getDownload } from './playback/get-download.js';
import { getManifest } from './playback/get-manifest.js';
import { getMediaPlaylist } from './playback/get-media-playlist.js';
import { getSegment } from './playback/get-segment.js';
import { getStoryboardImage } from './playback/get-storyboard-image.js';
import { getStoryboardVtt } from './playback/get-storyboard-vtt.js';
import { getThumbnail } from './playback/get-thumbnail.js';
import { recordView } from './playback/record-view.js';
import { addPlaylistItem } from './playlists/add-playlist-item.js';
import { createPlaylist } from './playlists/create-playlist.js';
import { deletePlaylist } from './playlists/delete-playlist.js';
import { getPlaylist } from './playlists/get-playlist.js';
import { getWatchLater } from './playlists/get-watch-later.js';
import { listPlaylistItems } from './playlists/list-playlist-items.js';
import { listViewerPlaylists } from './playlists/list-viewer-playlists.js';
import { movePlaylistItem } from './playlists/move-playlist-item.js';
import { removePlaylistItem } from './playlists/remove-playlist-item.js';
import { updatePlaylist } from './playlists/update-playlist.js';
import { listReports } from './reports/list-reports.js';
import { reportComment } from './reports/report-comment.js';
import { reportVideo } from './reports/report-video.js';
import { resolveReport } from './reports/resolve-report.js';
import { searchChannels } from './search/search-channels.js';
import { searchVideos } from './search/search-videos.js';
import { getHealth } from './system/get-health.js';
import { getMetrics } from './system/get-metrics.js';
import { getReadiness } from './system/get-readiness.js';
import { createTenant } from './tenants/create-tenant.js';
import { getUsage } from './tenants/get-usage.js';
import { listTenantUsage } from './tenants/list-tenant-usage.js';
import { listTenants } from './tenants/list-tenants.js';
import { suspendTenant } from './tenants/suspend-tenant.js';
import { updateTenant } from './tenants/update-tenant.js';
import { abortUpload } from './uploads/abort-upload.js';
import { completeUpload } from './uploads/complete-upload.js';
import { createUpload } from './uploads/create-upload.js';
import { getUpload } from './uploads/get-upload.js';
import { listUploadParts } from './uploads/list-upload-parts.js';
import { signUploadParts } from './uploads/sign-upload-parts.js';
import { uploadPart } from './uploads/upload-part.js';
import { deleteVideo } from './videos/delete-video.js';
import { getVideo } from './videos/get-video.js';
import { getVideoTimeline } from './videos/get-video-timeline.js';
import { listRelatedVideos } from './videos/list-related-videos.js';
import { listVideos } from './videos/list-videos.js';
import { publishVideo } from './videos/publish-video.js';
import { restoreVideo } from './videos/restore-video.js';
import { takedownVideo } from './videos/takedown-video.js';
import { updateVideo } from './videos/update-video.js';
import { eraseViewer } from './viewers/erase-viewer.js';
import { exportViewer } from './viewers/export-viewer.js';
import { getViewer } from './viewers/get-viewer.js';
import { getViewerErasure } from './viewers/get-viewer-erasure.js';
import { getViewerFeed } from './viewers/get-viewer-feed.js';
import { listSubscriptions } from './viewers/list-subscriptions.js';
import { subscribeToChannel } from './viewers/subscribe-to-channel.js';
import { unsubscribeFromChannel } from './viewers/unsubscribe-from-channel.js';
import { createWebhookEndpoint } from './webhooks/create-webhook-endpoint.js';
import { deleteWebhookEndpoint } from './webhooks/delete-webhook-endpoint.js';
import { getWebhookEndpoint } from './webhooks/get-webhook-endpoint.js';
import { listWebhookDeliveries } from './webhooks/list-webhook-deliveries.js';
import { listWebhookEndpoints } from './webhooks/list-webhook-endpoints.js';
import { replayWebhookEvents } from './webhooks/replay-webhook-events.js';
import { resendWebhookDelivery } from './webhooks/resend-webhook-delivery.js';
import { rotateWebhookSecret } from './webhooks/rotate-webhook-secret.js';
import { updateWebhookEndpoint } from './webhooks/update-webhook-endpoint.js';

/** One handler per operation in the contract; the type fails to compile when one is missing. */
export const handlers: Handlers = {
  getHealth,
  getMetrics,
  getReadiness,
  createTenant,
  listTenants,
  suspendTenant,
  updateTenant,
  listTenantUsage,
  getUsage,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  createSigningKey,
  listSigningKeys,
  deleteSigningKey,
  getViewer,
  createChannel,
  listChannels,
  getChannel,
  updateChannel,
  deleteChannel,
  listChannelVideos,
  setChannelAvatar,
  deleteChannelAvatar,
  getChannelAvatar,
  subscribeToChannel,
  unsubscribeFromChannel,
  listSubscriptions,
  getViewerFeed,
  likeVideo,
  unlikeVideo,
  createComment,
  listComments,
  listCommentReplies,
  updateComment,
  deleteComment,
  listModerationComments,
  approveComment,
  rejectComment,
  createCommentBan,
  deleteCommentBan,
  createPlaylist,
  getPlaylist,
  updatePlaylist,
  deletePlaylist,
  listPlaylistItems,
  addPlaylistItem,
  removePlaylistItem,
  movePlaylistItem,
  listViewerPlaylists,
  getWatchLater,
  createWebhookEndpoint,
  listWebhookEndpoints,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  listWebhookDeliveries,
  resendWebhookDelivery,
  replayWebhookEvents,
  createUpload,
  getUpload,
  listUploadParts,
  signUploadParts,
  uploadPart,
  completeUpload,
  abortUpload,
  listVideos,
  getVideo,
  getVideoTimeline,
  listRelatedVideos,
  updateVideo,
  deleteVideo,
  publishVideo,
  takedownVideo,
  restoreVideo,
  reportVideo,
  reportComment,
  listReports,
  resolveReport,
  createBlockedMedia,
  createCaption,
  listCaptions,
  getCaption,
  deleteCaption,
  getCaptionPlaylist,
  getCaptionTrack,
  listBlockedMedia,
  deleteBlockedMedia,
  createOperatorBlockedMedia,
  listOperatorBlockedMedia,
  deleteOperatorBlockedMedia,
  createLiveStream,
  listLiveStreams,
  createLiveChatMessage,
  listLiveChatMessages,
  deleteLiveChatMessage,
  streamLiveChat,
  listVideoChat,
  getLiveStream,
  updateLiveStream,
  deleteLiveStream,
  disableLiveStream,
  resetLiveStreamKey,
  getLiveStreamManifest,
  getLiveStreamPlaylist,
  getLiveStreamMedia,
  listAuditLog,
  exportViewer,
  eraseViewer,
  getViewerErasure,
  searchVideos,
  searchChannels,
  getManifest,
  getDashManifest,
  recordView,
  listWatchHistory,
  clearWatchHistory,
  deleteWatchHistoryEntry,
  getWatchHistorySettings,
  updateWatchHistorySettings,
  listNotifications,
  markNotificationRead,
  markAllNotificationsRead,
  getNotificationSettings,
  updateNotificationSettings,
  createNotificationStreamTicket,
  streamNotifications,
  getMediaPlaylist,
  getSegment,
  getThumbnail,
  getDownload,
  getStoryboardImage,
  getStoryboardVtt,
  getVideoAnalytics,
  getChannelAnalytics,
  getAnalyticsOverview,
};

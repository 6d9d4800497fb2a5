import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Sdk from '@reel/sdk';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PATH } from '../../src/contract/contract.js';
import type { components } from '../../src/contract/openapi.gen.js';

type S = components['schemas'];

/** `true` only when A and B are each assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>() => true as Same<A, B>;

/**
 * The server's types hold a request after Ajv filled in the defaults, so a property with a
 * `default` is required there; a client may leave it out, so it is optional in the SDK.
 */
type DefaultsOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/**
 * Every schema of the contract, the SDK's type against the server's: tsc fails on a pair that
 * differs (`false` is not `true`) and on a schema left out of the table (`satisfies`).
 */
const agreement = {
  Error: same<Sdk.Error, S['Error']>(),
  ErrorCode: same<Sdk.ErrorCode, S['ErrorCode']>(),
  Health: same<Sdk.Health, S['Health']>(),
  Readiness: same<Sdk.Readiness, S['Readiness']>(),
  ReadinessChecks: same<Sdk.ReadinessChecks, S['ReadinessChecks']>(),
  CheckResult: same<Sdk.CheckResult, S['CheckResult']>(),
  QuotaLimit: same<Sdk.QuotaLimit, S['QuotaLimit']>(),
  Quotas: same<Sdk.Quotas, S['Quotas']>(),
  QuotasChange: same<Sdk.QuotasChange, S['QuotasChange']>(),
  UpdateTenantRequest: same<Sdk.UpdateTenantRequest, S['UpdateTenantRequest']>(),
  QuotaUse: same<Sdk.QuotaUse, S['QuotaUse']>(),
  Usage: same<Sdk.Usage, S['Usage']>(),
  UsageList: same<Sdk.UsageList, S['UsageList']>(),
  CreateUploadRequest: same<
    Sdk.CreateUploadRequest,
    DefaultsOptional<S['CreateUploadRequest'], 'auto_publish'>
  >(),
  UploadStatus: same<Sdk.UploadStatus, S['UploadStatus']>(),
  Upload: same<Sdk.Upload, S['Upload']>(),
  PartUrl: same<Sdk.PartUrl, S['PartUrl']>(),
  UploadWithParts: same<Sdk.UploadWithParts, S['UploadWithParts']>(),
  SignPartsRequest: same<Sdk.SignPartsRequest, S['SignPartsRequest']>(),
  PartUrlList: same<Sdk.PartUrlList, S['PartUrlList']>(),
  UploadPart: same<Sdk.UploadPart, S['UploadPart']>(),
  UploadPartList: same<Sdk.UploadPartList, S['UploadPartList']>(),
  CompleteUploadRequest: same<Sdk.CompleteUploadRequest, S['CompleteUploadRequest']>(),
  VideoStatus: same<Sdk.VideoStatus, S['VideoStatus']>(),
  CountryCode: same<Sdk.CountryCode, S['CountryCode']>(),
  GeoRestriction: same<Sdk.GeoRestriction, S['GeoRestriction']>(),
  TakedownReason: same<Sdk.TakedownReason, S['TakedownReason']>(),
  Takedown: same<Sdk.Takedown, S['Takedown']>(),
  TakedownRequest: same<Sdk.TakedownRequest, S['TakedownRequest']>(),
  ReportReason: same<Sdk.ReportReason, S['ReportReason']>(),
  ReportState: same<Sdk.ReportState, S['ReportState']>(),
  CreateVideoReportRequest: same<Sdk.CreateVideoReportRequest, S['CreateVideoReportRequest']>(),
  CreateCommentReportRequest: same<
    Sdk.CreateCommentReportRequest,
    S['CreateCommentReportRequest']
  >(),
  ResolveReportRequest: same<
    Sdk.ResolveReportRequest,
    DefaultsOptional<S['ResolveReportRequest'], 'take_down'>
  >(),
  Report: same<Sdk.Report, S['Report']>(),
  ReportList: same<Sdk.ReportList, S['ReportList']>(),
  BlockedMedia: same<Sdk.BlockedMedia, S['BlockedMedia']>(),
  CreateBlockedMediaRequest: same<Sdk.CreateBlockedMediaRequest, S['CreateBlockedMediaRequest']>(),
  BlockedMediaList: same<Sdk.BlockedMediaList, S['BlockedMediaList']>(),
  LiveStreamStatus: same<Sdk.LiveStreamStatus, S['LiveStreamStatus']>(),
  LiveLatency: same<Sdk.LiveLatency, S['LiveLatency']>(),
  LiveStream: same<Sdk.LiveStream, S['LiveStream']>(),
  LiveStreamWithKey: same<Sdk.LiveStreamWithKey, S['LiveStreamWithKey']>(),
  CreateLiveStreamRequest: same<Sdk.CreateLiveStreamRequest, S['CreateLiveStreamRequest']>(),
  UpdateLiveStreamRequest: same<Sdk.UpdateLiveStreamRequest, S['UpdateLiveStreamRequest']>(),
  LiveStreamList: same<Sdk.LiveStreamList, S['LiveStreamList']>(),
  LiveChatText: same<Sdk.LiveChatText, S['LiveChatText']>(),
  LiveChatMessage: same<Sdk.LiveChatMessage, S['LiveChatMessage']>(),
  CreateLiveChatMessageRequest: same<
    Sdk.CreateLiveChatMessageRequest,
    S['CreateLiveChatMessageRequest']
  >(),
  LiveChatMessageList: same<Sdk.LiveChatMessageList, S['LiveChatMessageList']>(),
  AuditEntry: same<Sdk.AuditEntry, S['AuditEntry']>(),
  AuditEntryList: same<Sdk.AuditEntryList, S['AuditEntryList']>(),
  ViewerExport: same<Sdk.ViewerExport, S['ViewerExport']>(),
  Visibility: same<Sdk.Visibility, S['Visibility']>(),
  PlaybackPolicy: same<Sdk.PlaybackPolicy, S['PlaybackPolicy']>(),
  ThumbnailSize: same<Sdk.ThumbnailSize, S['ThumbnailSize']>(),
  Mp4Support: same<Sdk.Mp4Support, S['Mp4Support']>(),
  Download: same<Sdk.Download, S['Download']>(),
  Problem: same<Sdk.Problem, S['Problem']>(),
  Rendition: same<Sdk.Rendition, S['Rendition']>(),
  Playback: same<Sdk.Playback, S['Playback']>(),
  Video: same<Sdk.Video, S['Video']>(),
  VideoViewerState: same<Sdk.VideoViewerState, S['VideoViewerState']>(),
  ViewRecorded: same<Sdk.ViewRecorded, S['ViewRecorded']>(),
  VideoList: same<Sdk.VideoList, S['VideoList']>(),
  UpdateVideoRequest: same<Sdk.UpdateVideoRequest, S['UpdateVideoRequest']>(),
  CommentsPolicy: same<Sdk.CommentsPolicy, S['CommentsPolicy']>(),
  CommentState: same<Sdk.CommentState, S['CommentState']>(),
  CommentOrder: same<Sdk.CommentOrder, S['CommentOrder']>(),
  CommentText: same<Sdk.CommentText, S['CommentText']>(),
  LikeState: same<Sdk.LikeState, S['LikeState']>(),
  Comment: same<Sdk.Comment, S['Comment']>(),
  CommentList: same<Sdk.CommentList, S['CommentList']>(),
  CreateCommentRequest: same<Sdk.CreateCommentRequest, S['CreateCommentRequest']>(),
  UpdateCommentRequest: same<Sdk.UpdateCommentRequest, S['UpdateCommentRequest']>(),
  ModerationState: same<Sdk.ModerationState, S['ModerationState']>(),
  CommentBan: same<Sdk.CommentBan, S['CommentBan']>(),
  CreateCommentBanRequest: same<
    Sdk.CreateCommentBanRequest,
    DefaultsOptional<S['CreateCommentBanRequest'], 'reason'>
  >(),
  CreateTenantRequest: same<Sdk.CreateTenantRequest, S['CreateTenantRequest']>(),
  Tenant: same<Sdk.Tenant, S['Tenant']>(),
  TenantWithKey: same<Sdk.TenantWithKey, S['TenantWithKey']>(),
  TenantList: same<Sdk.TenantList, S['TenantList']>(),
  ApiKeyScope: same<Sdk.ApiKeyScope, S['ApiKeyScope']>(),
  CreateApiKeyRequest: same<Sdk.CreateApiKeyRequest, S['CreateApiKeyRequest']>(),
  ApiKey: same<Sdk.ApiKey, S['ApiKey']>(),
  ApiKeyWithSecret: same<Sdk.ApiKeyWithSecret, S['ApiKeyWithSecret']>(),
  ApiKeyList: same<Sdk.ApiKeyList, S['ApiKeyList']>(),
  SigningAlgorithm: same<Sdk.SigningAlgorithm, S['SigningAlgorithm']>(),
  CreateSigningKeyRequest: same<Sdk.CreateSigningKeyRequest, S['CreateSigningKeyRequest']>(),
  SigningKey: same<Sdk.SigningKey, S['SigningKey']>(),
  SigningKeyWithPrivateKey: same<Sdk.SigningKeyWithPrivateKey, S['SigningKeyWithPrivateKey']>(),
  SigningKeyList: same<Sdk.SigningKeyList, S['SigningKeyList']>(),
  Viewer: same<Sdk.Viewer, S['Viewer']>(),
  ChannelHandle: same<Sdk.ChannelHandle, S['ChannelHandle']>(),
  AvatarSize: same<Sdk.AvatarSize, S['AvatarSize']>(),
  Channel: same<Sdk.Channel, S['Channel']>(),
  ChannelList: same<Sdk.ChannelList, S['ChannelList']>(),
  CreateChannelRequest: same<Sdk.CreateChannelRequest, S['CreateChannelRequest']>(),
  UpdateChannelRequest: same<Sdk.UpdateChannelRequest, S['UpdateChannelRequest']>(),
  Subscription: same<Sdk.Subscription, S['Subscription']>(),
  SubscriptionList: same<Sdk.SubscriptionList, S['SubscriptionList']>(),
  PlaylistVisibility: same<Sdk.PlaylistVisibility, S['PlaylistVisibility']>(),
  CreatePlaylistRequest: same<Sdk.CreatePlaylistRequest, S['CreatePlaylistRequest']>(),
  UpdatePlaylistRequest: same<Sdk.UpdatePlaylistRequest, S['UpdatePlaylistRequest']>(),
  Playlist: same<Sdk.Playlist, S['Playlist']>(),
  PlaylistList: same<Sdk.PlaylistList, S['PlaylistList']>(),
  AddPlaylistItemRequest: same<Sdk.AddPlaylistItemRequest, S['AddPlaylistItemRequest']>(),
  MovePlaylistItemRequest: same<Sdk.MovePlaylistItemRequest, S['MovePlaylistItemRequest']>(),
  PlaylistItem: same<Sdk.PlaylistItem, S['PlaylistItem']>(),
  PlaylistItemList: same<Sdk.PlaylistItemList, S['PlaylistItemList']>(),
  WebhookEventType: same<Sdk.WebhookEventType, S['WebhookEventType']>(),
  CreateWebhookEndpointRequest: same<
    Sdk.CreateWebhookEndpointRequest,
    S['CreateWebhookEndpointRequest']
  >(),
  UpdateWebhookEndpointRequest: same<
    Sdk.UpdateWebhookEndpointRequest,
    S['UpdateWebhookEndpointRequest']
  >(),
  RotateWebhookSecretRequest: same<
    Sdk.RotateWebhookSecretRequest,
    DefaultsOptional<S['RotateWebhookSecretRequest'], 'grace_period_sec'>
  >(),
  WebhookEndpoint: same<Sdk.WebhookEndpoint, S['WebhookEndpoint']>(),
  WebhookEndpointWithSecret: same<Sdk.WebhookEndpointWithSecret, S['WebhookEndpointWithSecret']>(),
  WebhookEndpointList: same<Sdk.WebhookEndpointList, S['WebhookEndpointList']>(),
  WebhookDeliveryStatus: same<Sdk.WebhookDeliveryStatus, S['WebhookDeliveryStatus']>(),
  WebhookAttempt: same<Sdk.WebhookAttempt, S['WebhookAttempt']>(),
  WebhookDelivery: same<Sdk.WebhookDelivery, S['WebhookDelivery']>(),
  WebhookDeliveryList: same<Sdk.WebhookDeliveryList, S['WebhookDeliveryList']>(),
  ReplayWebhooksRequest: same<Sdk.ReplayWebhooksRequest, S['ReplayWebhooksRequest']>(),
  ReplayResult: same<Sdk.ReplayResult, S['ReplayResult']>(),
  WebhookEvent: same<Sdk.WebhookEvent, S['WebhookEvent']>(),
  VideoWebhookEvent: same<Sdk.VideoWebhookEvent, S['VideoWebhookEvent']>(),
  CommentWebhookEvent: same<Sdk.CommentWebhookEvent, S['CommentWebhookEvent']>(),
  ChannelWebhookEvent: same<Sdk.ChannelWebhookEvent, S['ChannelWebhookEvent']>(),
  SubscriptionWebhookEvent: same<Sdk.SubscriptionWebhookEvent, S['SubscriptionWebhookEvent']>(),
  ReportWebhookEvent: same<Sdk.ReportWebhookEvent, S['ReportWebhookEvent']>(),
  WebhookEventId: same<Sdk.WebhookEventId, S['WebhookEventId']>(),
  ViewHeartbeat: same<Sdk.ViewHeartbeat, S['ViewHeartbeat']>(),
  EmptyViewReport: same<Sdk.EmptyViewReport, S['EmptyViewReport']>(),
  ViewReport: same<Sdk.ViewReport, S['ViewReport']>(),
  WatchHistoryEntry: same<Sdk.WatchHistoryEntry, S['WatchHistoryEntry']>(),
  WatchHistoryList: same<Sdk.WatchHistoryList, S['WatchHistoryList']>(),
  WatchHistorySettings: same<Sdk.WatchHistorySettings, S['WatchHistorySettings']>(),
  NotificationKind: same<Sdk.NotificationKind, S['NotificationKind']>(),
  Notification: same<Sdk.Notification, S['Notification']>(),
  NotificationList: same<Sdk.NotificationList, S['NotificationList']>(),
  ReadAllResult: same<Sdk.ReadAllResult, S['ReadAllResult']>(),
  NotificationSettings: same<Sdk.NotificationSettings, S['NotificationSettings']>(),
  NotificationSettingsChange: same<
    Sdk.NotificationSettingsChange,
    S['NotificationSettingsChange']
  >(),
  StreamTicket: same<Sdk.StreamTicket, S['StreamTicket']>(),
  AnalyticsMetrics: same<Sdk.AnalyticsMetrics, S['AnalyticsMetrics']>(),
  AnalyticsPoint: same<Sdk.AnalyticsPoint, S['AnalyticsPoint']>(),
  AnalyticsRow: same<Sdk.AnalyticsRow, S['AnalyticsRow']>(),
  AnalyticsReport: same<Sdk.AnalyticsReport, S['AnalyticsReport']>(),
  ProbedInput: same<Sdk.ProbedInput, S['ProbedInput']>(),
  VideoStage: same<Sdk.VideoStage, S['VideoStage']>(),
  VideoTimeline: same<Sdk.VideoTimeline, S['VideoTimeline']>(),
  ViewerErasure: same<Sdk.ViewerErasure, S['ViewerErasure']>(),
  ViewerErasedWebhookEvent: same<Sdk.ViewerErasedWebhookEvent, S['ViewerErasedWebhookEvent']>(),
  CaptionKind: same<Sdk.CaptionKind, S['CaptionKind']>(),
  CaptionFormat: same<Sdk.CaptionFormat, S['CaptionFormat']>(),
  CreateCaptionRequest: same<Sdk.CreateCaptionRequest, S['CreateCaptionRequest']>(),
  Caption: same<Sdk.Caption, S['Caption']>(),
  CaptionList: same<Sdk.CaptionList, S['CaptionList']>(),
  CaptionWebhookEvent: same<Sdk.CaptionWebhookEvent, S['CaptionWebhookEvent']>(),
  LiveStreamWebhookEvent: same<Sdk.LiveStreamWebhookEvent, S['LiveStreamWebhookEvent']>(),
  DownloadsWebhookEvent: same<Sdk.DownloadsWebhookEvent, S['DownloadsWebhookEvent']>(),
} satisfies Record<keyof S, true>;

const sdkConfig = fileURLToPath(
  new URL('../../../packages/sdk-node/openapi-ts.config.ts', import.meta.url),
);

describe("the SDK's generated types and the server's", () => {
  it('are generated from the same bundled contract', async () => {
    const input = /input: '([^']+)'/.exec(await readFile(sdkConfig, 'utf8'))?.[1] ?? '';
    expect(resolve(dirname(sdkConfig), input)).toBe(CONTRACT_PATH);
  });

  it('agree on every schema (checked by tsc; listed here so a new schema is not missed)', async () => {
    const contract = JSON.parse(await readFile(CONTRACT_PATH, 'utf8')) as {
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(agreement).sort()).toEqual(Object.keys(contract.components.schemas).sort());
    expect(Object.values(agreement).every((agrees) => agrees)).toBe(true);
  });
});

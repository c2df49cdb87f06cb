// Orator's client SDK (also for HeyGen: the same v3 routes): `import { createOratorClient } from 'orator/client'`.
export { createOratorClient, type OratorClient } from './create-orator-client.js';
export { HEYGEN_BASE_URL, type OratorClientOptions } from './client-transport.js';
export {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  VideoFailedError,
  WaitTimeoutError,
  type ApiErrorDetails,
} from './api-errors.js';
export { DEFAULT_RETRY_POLICY, type RetryNotice, type RetryPolicy } from './retrying-fetch.js';
export type { WaitOptions, WaitProgress } from './wait-for-video.js';
export type { DownloadOptions, DownloadProgress, DownloadResult } from './download-file.js';
export type { UploadOptions, UploadSource } from './asset-upload.js';
export type { VideoFile, VideosApi } from './videos-api.js';
export type { AssetsApi, AvatarsApi, SpeechApi, TemplatesApi, VoicesApi, WebhooksApi } from './catalogue-api.js';
export { verifyWebhook, WebhookVerificationError, type VerifiedWebhook, type VerifyWebhookOptions, type WebhookEvent, type WebhookHeaders } from './verify-webhook.js';
export {
  buildAuthorizeUrl,
  createOAuthState,
  createPkcePair,
  exchangeAuthorizationCode,
  OAuthError,
  pkceChallenge,
  refreshAccessToken,
  type AuthorizeUrlInput,
  type OAuthTokens,
  type PkcePair,
  type TokenEndpointInput,
} from './oauth-pkce.js';
export type * from './client-types.js';

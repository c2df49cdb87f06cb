// One error table: every error the API or the render pipeline can produce, with HeyGen's numeric
// (v1/v2) code, its v3 snake_case code and the HTTP status. Handlers and the renderer throw
// `OratorError(kind, message)`; one API plugin renders the v1/v2/v3 envelope from this table.

export type ErrorKind =
  | 'missing_params'
  | 'invalid_parameter'
  | 'invalid_query_param'
  | 'invalid_json'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'header_fields_too_large'
  | 'request_timeout'
  | 'unauthorized'
  | 'access_token_expired'
  | 'invalid_access_token'
  | 'forbidden'
  | 'not_found'
  | 'video_not_found'
  | 'avatar_not_found'
  | 'voice_not_found'
  | 'asset_not_found'
  | 'webhook_not_found'
  | 'template_not_found'
  | 'batch_not_found'
  | 'photo_avatar_not_found'
  | 'no_face'
  | 'too_many_faces'
  | 'bad_quality_image'
  | 'invalid_text_input'
  | 'text_too_long'
  | 'invalid_dimension'
  | 'invalid_url'
  | 'download_failed'
  | 'invalid_audio_format'
  | 'video_format_not_supported'
  | 'video_file_corrupted'
  | 'empty_audio_stream'
  | 'empty_video_stream'
  | 'video_too_long'
  | 'translation_not_found'
  | 'srt_file_error'
  | 'lipsync_not_found'
  | 'image_too_large'
  | 'audio_too_long'
  | 'request_in_progress'
  | 'idempotency_mismatch'
  | 'rate_limit_exceeded'
  | 'render_failed'
  | 'service_unavailable'
  | 'internal_error';

export interface ErrorSpec {
  /** HeyGen's legacy numeric code, used in v1 and v2 envelopes and in a failed video's `error.code`. */
  legacyCode: number;
  /** HeyGen's legacy upper-case name (DL reference/errors). */
  legacyName: string;
  /** HeyGen v3 `error.code`. */
  v3Code: string;
  httpStatus: number;
  message: string;
}

export const ERROR_TABLE: Record<ErrorKind, ErrorSpec> = {
  missing_params: { legacyCode: 40001, legacyName: 'MISSING_PARAMS', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Missing required parameters' },
  invalid_parameter: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Invalid parameter' },
  invalid_query_param: { legacyCode: 40012, legacyName: 'INVALID_QUERY_PARAM', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Invalid query parameter' },
  invalid_json: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Request body is not valid JSON' },
  payload_too_large: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'payload_too_large', httpStatus: 413, message: 'Request body is too large' },
  // Refused by Node's HTTP parser before routing (request line + headers over its limit) or by a slow client.
  uri_too_long: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'invalid_parameter', httpStatus: 414, message: 'Request URL is too long' },
  header_fields_too_large: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'invalid_parameter', httpStatus: 431, message: 'Request headers are too large' },
  request_timeout: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'invalid_parameter', httpStatus: 408, message: 'The request was not received in time' },
  unauthorized: { legacyCode: 400112, legacyName: 'UNAUTHORIZED', v3Code: 'authentication_failed', httpStatus: 401, message: 'Invalid or expired API key. Verify your x-api-key header.' },
  // OAuth access tokens (Authorization: Bearer): HeyGen's legacy codes; v3 has one authentication code.
  access_token_expired: { legacyCode: 401056, legacyName: 'ACCESS_TOKEN_EXPIRED', v3Code: 'authentication_failed', httpStatus: 401, message: 'The access token has expired: get a new one with the refresh token (POST /v1/oauth/token, grant_type=refresh_token)' },
  invalid_access_token: { legacyCode: 401057, legacyName: 'INVALID_ACCESS_TOKEN', v3Code: 'authentication_failed', httpStatus: 401, message: 'The access token is not valid: it is unknown or was revoked. Connect the app again' },
  forbidden: { legacyCode: 400562, legacyName: 'FORBIDDEN', v3Code: 'forbidden', httpStatus: 403, message: 'Forbidden' },
  not_found: { legacyCode: 404, legacyName: 'NOT_FOUND', v3Code: 'not_found', httpStatus: 404, message: 'Not found' },
  video_not_found: { legacyCode: 40031, legacyName: 'INVALID_VIDEO_ID', v3Code: 'video_not_found', httpStatus: 404, message: 'Video not found' },
  avatar_not_found: { legacyCode: 400144, legacyName: 'AVATAR_NOT_FOUND', v3Code: 'avatar_not_found', httpStatus: 404, message: 'Avatar not found' },
  voice_not_found: { legacyCode: 400116, legacyName: 'VOICE_NOT_FOUND', v3Code: 'voice_not_found', httpStatus: 404, message: 'Voice not found' },
  asset_not_found: { legacyCode: 400179, legacyName: 'ASSET_NOT_FOUND', v3Code: 'asset_not_available', httpStatus: 404, message: 'Asset not found' },
  // HeyGen's published catalogue has no webhook code; Orator's own, beside ASSET_NOT_FOUND, so v1 clients can tell it apart.
  webhook_not_found: { legacyCode: 400180, legacyName: 'WEBHOOK_NOT_FOUND', v3Code: 'resource_not_found', httpStatus: 404, message: 'Webhook endpoint not found' },
  // HeyGen publishes no template-not-found code either: Orator's own, next to WEBHOOK_NOT_FOUND.
  template_not_found: { legacyCode: 400181, legacyName: 'TEMPLATE_NOT_FOUND', v3Code: 'resource_not_found', httpStatus: 404, message: 'Template not found' },
  batch_not_found: { legacyCode: 400182, legacyName: 'BATCH_NOT_FOUND', v3Code: 'resource_not_found', httpStatus: 404, message: 'Batch not found' },
  photo_avatar_not_found: { legacyCode: 400174, legacyName: 'PHOTAR_NOT_FOUND', v3Code: 'avatar_not_found', httpStatus: 404, message: 'Photo avatar not found' },
  // A photo avatar's picture must show one face, large, sharp and turned to the camera (HeyGen's own checks).
  no_face: { legacyCode: 40004, legacyName: 'NO_FACE_ERROR', v3Code: 'invalid_parameter', httpStatus: 400, message: 'No face found in the image' },
  too_many_faces: { legacyCode: 40005, legacyName: 'TOO_MANY_FACES_ERROR', v3Code: 'invalid_parameter', httpStatus: 400, message: 'The image shows more than one face' },
  bad_quality_image: { legacyCode: 40006, legacyName: 'BAD_QUALITY_IMAGE', v3Code: 'invalid_parameter', httpStatus: 400, message: 'The face in the image is too small, blurred or turned away' },
  invalid_text_input: { legacyCode: 40039, legacyName: 'INVALID_TEXT_INPUT', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Invalid text input' },
  text_too_long: { legacyCode: 40039, legacyName: 'INVALID_TEXT_INPUT', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Text input is too long' },
  invalid_dimension: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Invalid video dimension' },
  invalid_url: { legacyCode: 400175, legacyName: 'INVALID_PARAMETER', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Invalid URL' },
  download_failed: { legacyCode: 400175, legacyName: 'DOWNLOAD_FAILED', v3Code: 'download_failed', httpStatus: 400, message: 'Failed to download media' },
  invalid_audio_format: { legacyCode: 40044, legacyName: 'INVALID_AUDIO_FORMAT', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Invalid audio format' },
  video_format_not_supported: { legacyCode: 40010, legacyName: 'VIDEO_FORMAT_NOT_SUPPORTED', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Video format not supported' },
  video_file_corrupted: { legacyCode: 400652, legacyName: 'VIDEO_FILE_CORRUPTED', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Media file is corrupted' },
  empty_audio_stream: { legacyCode: 400624, legacyName: 'EMPTY_AUDIO_STREAM', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Audio stream is empty' },
  empty_video_stream: { legacyCode: 400621, legacyName: 'EMPTY_VIDEO_STREAM', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Video stream is empty' },
  video_too_long: { legacyCode: 40119, legacyName: 'VIDEO_TOO_LONG', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Video is too long' },
  // HeyGen's reference answers `not_found` "Video translation not found." and publishes no legacy code: Orator's own.
  translation_not_found: { legacyCode: 400183, legacyName: 'VIDEO_TRANSLATE_NOT_FOUND', v3Code: 'not_found', httpStatus: 404, message: 'Video translation not found' },
  // HeyGen's code for an SRT it cannot read (proofreads); the message names the line.
  srt_file_error: { legacyCode: 400672, legacyName: 'SRT_FILE_ERROR', v3Code: 'invalid_parameter', httpStatus: 400, message: 'The SRT file could not be read' },
  // No legacy code published for lip-syncs: Orator's own, next to the translation one.
  lipsync_not_found: { legacyCode: 400187, legacyName: 'LIPSYNC_NOT_FOUND', v3Code: 'not_found', httpStatus: 404, message: 'Lipsync not found' },
  // HeyGen publishes limits (images under 50 MB, audio up to 10 min) but no codes for them: Orator's own.
  image_too_large: { legacyCode: 400185, legacyName: 'IMAGE_TOO_LARGE', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Image dimensions are too large' },
  audio_too_long: { legacyCode: 400186, legacyName: 'AUDIO_TOO_LONG', v3Code: 'invalid_parameter', httpStatus: 400, message: 'Audio is too long' },
  request_in_progress: { legacyCode: 40909, legacyName: 'REQUEST_IN_PROGRESS', v3Code: 'request_in_progress', httpStatus: 409, message: 'A request with this Idempotency-Key is still in progress' },
  idempotency_mismatch: { legacyCode: 42200, legacyName: 'IDEMPOTENCY_KEY_REUSED', v3Code: 'idempotency_key_reused', httpStatus: 422, message: 'This Idempotency-Key was used with a different request body' },
  rate_limit_exceeded: { legacyCode: 42900, legacyName: 'RATE_LIMIT_EXCEEDED', v3Code: 'rate_limit_exceeded', httpStatus: 429, message: 'Too many requests. Retry after the duration specified in the Retry-After header.' },
  render_failed: { legacyCode: 500000, legacyName: 'RENDER_FAILED', v3Code: 'internal_error', httpStatus: 500, message: 'Video rendering failed' },
  // A dependency (database, storage) is unreachable for a while: the request may be retried as is.
  service_unavailable: { legacyCode: 500000, legacyName: 'SERVICE_UNAVAILABLE', v3Code: 'service_unavailable', httpStatus: 503, message: 'The service is temporarily unavailable; retry after 5 seconds' },
  internal_error: { legacyCode: 500000, legacyName: 'INTERNAL_SERVER_ERROR', v3Code: 'internal_error', httpStatus: 500, message: 'Internal server error' },
};

/** A failure that carries its place in the error table. `param` names the offending field (v3 `error.param`). */
export class OratorError extends Error {
  readonly kind: ErrorKind;
  readonly param: string | undefined;
  readonly detail: string | undefined;
  /** Transient failures (network, a busy machine) are retried by the job runner; the rest fail at once. */
  readonly transient: boolean;
  /** Seconds a client should wait before retrying (sent as Retry-After). */
  readonly retryAfterSec: number | undefined;

  constructor(kind: ErrorKind, message?: string, options: { param?: string; detail?: string; transient?: boolean; retryAfterSec?: number; cause?: unknown } = {}) {
    super(message ?? ERROR_TABLE[kind].message, { cause: options.cause });
    this.name = 'OratorError';
    this.kind = kind;
    this.param = options.param;
    this.detail = options.detail;
    this.transient = options.transient ?? false;
    this.retryAfterSec = options.retryAfterSec;
  }

  get spec(): ErrorSpec {
    return ERROR_TABLE[this.kind];
  }
}

export function isOratorError(value: unknown): value is OratorError {
  return value instanceof OratorError;
}

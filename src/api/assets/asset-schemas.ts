// Asset contract. v1 (upload.heygen.com/v1/asset): the upload answers `{code, data, msg, message}` with
// msg and message null, as HeyGen's reference shows. v3 (/v3/assets): HeyGen's UploadAssetV3Response
// and the asset item of GET /v3/assets and /v3/assets/{asset_id}.
import { Type, type TSchema } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';
import { V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';

export const AssetV1Envelope = <T extends TSchema>(data: T) =>
  Type.Object({ code: Type.Integer({ examples: [100] }), data, msg: Type.Null(), message: Type.Null() });

const FileType = Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('audio')]);

export const AssetV1Item = Type.Object({
  id: Type.String(),
  name: Type.String(),
  file_type: FileType,
  folder_id: Type.Null({ description: 'Folders are not kept; always null' }),
  meta: Type.Null(),
  created_ts: Type.Integer({ description: 'Upload time, Unix seconds' }),
  url: Type.String({ description: 'Signed link, valid 7 days' }),
  image_key: Nullable(Type.String({ description: 'Images only' })),
});

export const AssetV1UploadResponse = AssetV1Envelope(AssetV1Item);
export const AssetV1ListResponse = AssetV1Envelope(
  Type.Object({ assets: Type.Array(AssetV1Item), token: Nullable(Type.String({ description: 'Pass as `token` for the next page; null on the last' })) }),
);
export const AssetV1DeleteResponse = AssetV1Envelope(Type.Null());

export const AssetV1ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 100 })),
  token: Type.Optional(Type.String()),
});

export const AssetIdParams = Type.Object({ asset_id: Type.String({ minLength: 1 }) });

export const UploadAssetV3Response = V3Envelope(
  Type.Object({
    asset_id: Type.String(),
    url: Type.String(),
    mime_type: Type.String({ description: 'Detected from the file bytes' }),
    size_bytes: Type.Integer(),
  }),
);

export const AssetV3Item = Type.Object({
  folder_id: Nullable(Type.String({ description: 'Folders are not kept; always null' })),
  id: Type.String(),
  name: Type.String(),
  owner: Type.String({ description: "The space's user name" }),
  space_id: Type.String(),
  type: Type.String({ examples: ['image', 'video', 'audio'] }),
  uploaded_at: Type.Integer({ description: 'Unix seconds' }),
  url: Nullable(Type.String()),
});

export const AssetV3Response = V3Envelope(AssetV3Item);
export const AssetV3ListResponse = V3ListEnvelope(AssetV3Item);
export const DeleteAssetV3Response = V3Envelope(Type.Object({ id: Type.String() }));

export const AssetV3ListQuery = Type.Object({
  username: Type.Optional(Type.String({ description: 'Accepted and ignored: a space has one owner' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  token: Type.Optional(Type.String()),
  folder_id: Type.Optional(Type.String({ description: 'Assets are not filed in folders: a folder id lists nothing, an empty one lists everything' })),
});

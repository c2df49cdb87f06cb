// Space administration contract (Orator's own v3 extension: HeyGen has no public API for teams), as
// TypeBox schemas: request validation, response filtering and the OpenAPI document.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';
import { V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';

export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);

const Iso = (description: string) => Type.String({ description: `${description} (ISO 8601)` });

export const SpaceView = Type.Object({ space_id: Type.String(), name: Type.String(), role: RoleSchema, joined_at: Iso('when you joined') });

export const MemberView = Type.Object({ user_id: Type.String(), email: Type.String(), name: Type.String(), role: RoleSchema, joined_at: Iso('when they joined') });

export const InvitationView = Type.Object({
  invitation_id: Type.String(),
  role: RoleSchema,
  email: Nullable(Type.String({ description: 'only this address may accept; null = whoever has the link' })),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('revoked'), Type.Literal('expired')]),
  created_by: Type.String(),
  created_at: Iso('made'),
  expires_at: Iso('stops working'),
  accepted_by: Nullable(Type.String()),
});

export const ApiKeyView = Type.Object({
  key_id: Type.String(),
  prefix: Type.String({ description: 'the start of the key, for telling keys apart' }),
  name: Nullable(Type.String()),
  created_at: Iso('made'),
  revoked_at: Nullable(Iso('revoked')),
});

export const SpaceParams = Type.Object({ space_id: Type.String({ minLength: 1, maxLength: 200 }) });
export const MemberParams = Type.Object({ space_id: Type.String({ minLength: 1, maxLength: 200 }), user_id: Type.String({ minLength: 1, maxLength: 200 }) });
export const InvitationParams = Type.Object({ space_id: Type.String({ minLength: 1, maxLength: 200 }), invitation_id: Type.String({ minLength: 1, maxLength: 200 }) });
export const KeyParams = Type.Object({ space_id: Type.String({ minLength: 1, maxLength: 200 }), key_id: Type.String({ minLength: 1, maxLength: 200 }) });

export const ChangeRoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export const CreateInvitationBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    email: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 254, description: 'restrict the link to this address' }))),
    expires_in_hours: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 720, description: 'default ORATOR_INVITATION_TTL_HOURS (168)' }))),
  },
  { additionalProperties: false },
);
export const CreateApiKeyBody = Type.Object({ name: Type.Optional(Nullable(Type.String({ maxLength: 100 }))) }, { additionalProperties: false });

export const SpaceListResponse = V3ListEnvelope(SpaceView);
export const MemberListResponse = V3ListEnvelope(MemberView);
export const MemberResponse = V3Envelope(MemberView);
export const MemberRemovedResponse = V3Envelope(Type.Object({ user_id: Type.String(), removed: Type.Boolean() }));
export const InvitationListResponse = V3ListEnvelope(InvitationView);
export const InvitationCreatedResponse = V3Envelope(
  Type.Composite([InvitationView, Type.Object({ url: Type.String({ description: 'the link to send; shown only here' }) })]),
);
export const InvitationRevokedResponse = V3Envelope(Type.Object({ invitation_id: Type.String(), revoked: Type.Boolean() }));
export const ApiKeyListResponse = V3ListEnvelope(ApiKeyView);
export const ApiKeyCreatedResponse = V3Envelope(
  Type.Composite([ApiKeyView, Type.Object({ key: Type.String({ description: 'the secret; shown only here, stored as a hash' }) })]),
);
export const ApiKeyRevokedResponse = V3Envelope(Type.Object({ key_id: Type.String(), revoked: Type.Boolean() }));

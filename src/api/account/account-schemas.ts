import { Type } from '@sinclair/typebox';
import { Nullable, V1Envelope, V2Envelope } from '../schemas/envelopes.js';

const SpaceRoleSchema = Nullable(Type.String({ enum: ['owner', 'admin', 'member'], description: "the caller's role; null for an API key" }));

export const UserInfo = Type.Object({
  username: Type.String(),
  email: Nullable(Type.String()),
  first_name: Nullable(Type.String()),
  last_name: Nullable(Type.String()),
  billing_type: Nullable(Type.String({ enum: ['wallet', 'subscription', 'usage_based'] })),
  wallet: Nullable(Type.Object({ currency: Type.String(), remaining_balance: Nullable(Type.Number()) })),
  subscription: Nullable(Type.Object({ plan: Type.String(), credits: Type.Object({}, { additionalProperties: true }) })),
  usage_based: Nullable(Type.Object({ spending_current_usd: Nullable(Type.Number()), spending_cap_usd: Nullable(Type.Number()) })),
  user_id: Nullable(Type.String({ description: 'Orator: the signed-in person; null when an API key calls' })),
  space: Type.Object(
    { space_id: Type.String(), name: Type.String(), role: SpaceRoleSchema },
    { description: 'Orator: the space this request acts on' },
  ),
});

export const UserMeV1Response = V1Envelope(UserInfo);
export const UserMeV2Response = V2Envelope(UserInfo);

export const PacificAccountResponse = V1Envelope(
  Type.Object({
    user_info: Type.Object({
      user_id: Nullable(Type.String()),
      username: Type.String(),
      email: Nullable(Type.String()),
      first_name: Nullable(Type.String()),
      last_name: Nullable(Type.String()),
      name: Nullable(Type.String()),
    }),
    space_info: Type.Object({ space_id: Type.String(), name: Type.String(), role: SpaceRoleSchema }),
  }),
);

export const RemainingQuotaResponse = V2Envelope(
  Type.Object({ remaining_quota: Type.Number(), details: Type.Object({ api: Type.Number(), seat: Type.Number() }) }),
);

// POST /v3/avatars (type "photo": a group and its look, processing until the look's job checks the face),
// POST /v3/avatars/{group_id}/consent, PATCH and DELETE /v3/avatars/looks/{look_id}, DELETE
// /v3/avatars/{group_id}. Stock avatars are read-only (403); unknown and other spaces' ids are 404.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { OratorError } from '../../domain/errors.js';
import type { AvatarService } from '../../services/avatars/avatar-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { AvatarCreateBody, AvatarCreateResponse, AvatarLookResponse, ConsentBody, ConsentResponse, DeletedResponse, LookPatchBody } from './v3-avatar-schemas.js';

const TAGS = ['v3 avatars'];
/** A base64 photo of up to 32 MB, as JSON text. */
const CREATE_BODY_LIMIT = 48 * 1024 * 1024;

export function v3AvatarWriteRoutes(base: FastifyInstance, avatars: AvatarService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const errors = { '4xx': V3Error };
  const photos = avatars.photoAvatars;
  // Stock ids are known to the catalogue: deleting one is refused, not "not found".
  const refuseStock = async (spaceId: string, id: string, what: 'group' | 'look') => {
    const stock = await avatars.getLook(spaceId, id).then((l) => l.avatar_type === 'studio_avatar', () => false);
    if (stock) throw new OratorError('forbidden', `Avatar ${what} ${id} is a stock avatar and cannot be deleted`, { param: what === 'group' ? 'group_id' : 'look_id' });
  };

  app.post(
    '/v3/avatars',
    { bodyLimit: CREATE_BODY_LIMIT, schema: { tags: TAGS, summary: 'Create a photo avatar (type photo; digital_twin and prompt are not built)', body: AvatarCreateBody, response: { 200: AvatarCreateResponse, ...errors } } },
    async (request) => {
      const body = request.body;
      if (body.type !== 'photo') throw new OratorError('invalid_parameter', `type '${body.type}' is not supported on this server: use type 'photo' with a file`, { param: 'type' });
      if (!body.file) throw new OratorError('missing_params', "file is required when type is 'photo'", { param: 'file' });
      return { data: await photos.createV3(spaceOf(request), { name: body.name, file: body.file, avatar_group_id: body.avatar_group_id }) };
    },
  );
  app.post(
    '/v3/avatars/:group_id/consent',
    { schema: { tags: TAGS, summary: 'Record consent for a photo avatar (taken as given: no consent page here)', params: Type.Object({ group_id: Type.String() }), body: ConsentBody, response: { 200: ConsentResponse, ...errors } } },
    async (request) => ({ data: await photos.consentV3(spaceOf(request), request.params.group_id, request.body.consent_text) }),
  );
  app.patch(
    '/v3/avatars/looks/:look_id',
    { schema: { tags: TAGS, summary: 'Rename a photo avatar look', params: Type.Object({ look_id: Type.String() }), body: LookPatchBody, response: { 200: AvatarLookResponse, ...errors } } },
    async (request) => {
      await refuseStock(spaceOf(request), request.params.look_id, 'look');
      return { data: await photos.renameLookV3(spaceOf(request), request.params.look_id, request.body.name) };
    },
  );
  app.delete(
    '/v3/avatars/looks/:look_id',
    { schema: { tags: TAGS, summary: 'Delete a photo avatar look', params: Type.Object({ look_id: Type.String() }), response: { 200: DeletedResponse, ...errors } } },
    async (request) => {
      await refuseStock(spaceOf(request), request.params.look_id, 'look');
      return { data: await photos.deleteLook(spaceOf(request), request.params.look_id, 'look_id') };
    },
  );
  app.delete(
    '/v3/avatars/:group_id',
    { schema: { tags: TAGS, summary: 'Delete a photo avatar group and its looks', params: Type.Object({ group_id: Type.String() }), response: { 200: DeletedResponse, ...errors } } },
    async (request) => {
      if (!(await photos.hasGroup(spaceOf(request), request.params.group_id))) await refuseStock(spaceOf(request), request.params.group_id, 'group');
      return { data: await photos.deleteGroup(spaceOf(request), request.params.group_id) };
    },
  );
}

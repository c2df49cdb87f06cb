// HeyGen's v2 photo_avatar endpoints: groups and looks (create, add, get, delete), training, generated
// pictures (from attributes: drawings; from a trained group: new framings of its photo), motion and
// upscaling. Long steps answer at once and run as jobs; GET the look, generation or train status to poll.
import type { FastifyInstance } from 'fastify';
import type { PhotoAvatarService } from '../../services/photo-avatars/photo-avatar-service.js';
import { v2Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V2Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import * as s from './photo-avatar-schemas.js';

const TAGS = ['photo avatars'];
const errors = { '4xx': V2Error };

export function v2PhotoAvatarRoutes(base: FastifyInstance, photoAvatars: PhotoAvatarService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.post(
    '/v2/photo_avatar/avatar_group/create',
    { schema: { tags: TAGS, summary: 'Create a photo avatar group from an image_key (its first look has the group’s id)', body: s.GroupCreateBody, response: { 200: s.LookResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.createGroupV2(spaceOf(request), request.body)),
  );
  app.post(
    '/v2/photo_avatar/avatar_group/add',
    { schema: { tags: TAGS, summary: 'Add looks (image_keys) to a photo avatar group', body: s.GroupAddBody, response: { 200: s.GroupAddResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.addLooksV2(spaceOf(request), request.body)),
  );
  app.post(
    '/v2/photo_avatar/train',
    { schema: { tags: TAGS, summary: 'Train a group: every look’s face checked again, then ready (no model is trained)', body: s.TrainBody, response: { 200: s.TrainResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.train(spaceOf(request), request.body.group_id)),
  );
  app.get(
    '/v2/photo_avatar/train/status/:group_id',
    { schema: { tags: TAGS, summary: 'Training status of a group', params: s.GroupIdParams, response: { 200: s.TrainStatusResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.trainStatus(spaceOf(request), request.params.group_id)),
  );
  app.post(
    '/v2/photo_avatar/photo/generate',
    { schema: { tags: TAGS, summary: 'Illustrated presenters drawn from attributes (no image model runs here)', body: s.PhotoGenerateBody, response: { 200: s.GenerationStartedResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.generatePhotos(spaceOf(request), request.body)),
  );
  app.post(
    '/v2/photo_avatar/look/generate',
    { schema: { tags: TAGS, summary: 'New looks of a trained group: its photo re-framed and toned (the prompt is kept, not drawn)', body: s.LookGenerateBody, response: { 200: s.GenerationStartedResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.generateLooks(spaceOf(request), request.body)),
  );
  app.get(
    '/v2/photo_avatar/generation/:generation_id',
    { schema: { tags: TAGS, summary: 'A generation’s status and pictures (image_key_list feeds avatar_group/create and /add)', params: s.GenerationIdParams, response: { 200: s.GenerationResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.generationV2(spaceOf(request), request.params.generation_id)),
  );
  app.post(
    '/v2/photo_avatar/add_motion',
    { schema: { tags: TAGS, summary: 'A motion look of a look (with a rendered motion preview)', body: s.MotionBody, response: { 200: s.IdResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.addMotion(spaceOf(request), request.body.id)),
  );
  app.post(
    '/v2/photo_avatar/upscale',
    { schema: { tags: TAGS, summary: 'Enlarge a look’s picture 2x (Lanczos resampling, no super-resolution model)', body: s.IdBody, response: { 200: s.IdResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.upscale(spaceOf(request), request.body.id)),
  );
  app.get(
    '/v2/photo_avatar/:id',
    { schema: { tags: TAGS, summary: 'A photo avatar look: status, picture, motion, upscaling', params: s.IdParams, response: { 200: s.LookResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.lookV2(spaceOf(request), request.params.id)),
  );
  app.delete(
    '/v2/photo_avatar/:id',
    { schema: { tags: TAGS, summary: 'Delete a photo avatar look', params: s.IdParams, response: { 200: s.IdResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.deleteLook(spaceOf(request), request.params.id)),
  );
  app.delete(
    '/v2/photo_avatar_group/:group_id',
    { schema: { tags: TAGS, summary: 'Delete a photo avatar group and all its looks', params: s.GroupIdParams, response: { 200: s.IdResponse, ...errors } } },
    async (request) => v2Ok(await photoAvatars.deleteGroup(spaceOf(request), request.params.group_id)),
  );
}

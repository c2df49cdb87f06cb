// Every batch item checked against the schema of the route it stands for (POST /v3/videos, or POST
// /v3/templates/{id} plus template_id), with the same validator and error wording as those routes, so
// `videos[3].aspect_ratio must be one of: …` reads like the single route's message with the item's place.
import { Type, type TSchema } from '@sinclair/typebox';
import type { BatchItemInput } from '../../services/batches/create-video-batch.js';
import { buildRequestValidator } from '../build-request-validator.js';
import { fromValidation } from '../plugins/errors.js';
import { GenerateV3Body } from '../templates/template-schemas.js';
import { CreateVideoV3Body } from './v3-video-schemas.js';

const TemplateItemBody = Type.Object({ ...GenerateV3Body.properties, type: Type.Literal('template'), template_id: Type.String({ minLength: 1 }) });

type Check = ((data: unknown) => boolean) & { errors?: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> }[] | null };

let checks: { video: Check; template: Check } | undefined;

function compiled(): { video: Check; template: Check } {
  if (!checks) {
    const build = buildRequestValidator({});
    const compile = (schema: TSchema) => build({ schema, httpPart: 'body', method: 'POST', url: '/v3/videos/batches' }) as Check;
    checks = { video: compile(CreateVideoV3Body), template: compile(TemplateItemBody) };
  }
  return checks;
}

/** The items as their services take them; throws the first item's schema error, placed at `videos[i]`. */
export function checkBatchItems(items: readonly { type: string }[]): BatchItemInput[] {
  const { video, template } = compiled();
  for (const [i, item] of items.entries()) {
    const check = item.type === 'template' ? template : video;
    if (!check(item)) throw fromValidation((check.errors ?? []).map((e) => ({ ...e, instancePath: `/videos/${i}${e.instancePath}` })), 'body');
  }
  return items as BatchItemInput[];
}

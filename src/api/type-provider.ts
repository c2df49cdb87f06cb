// Types route handlers from their TypeBox schemas (@sinclair/typebox 0.34; the published provider
// package targets TypeBox 1.x). Validation itself is Fastify's Ajv reading the same JSON Schema.
import type { FastifyTypeProvider } from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';

export interface TypeBoxProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
}

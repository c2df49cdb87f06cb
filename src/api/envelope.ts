// HeyGen's three envelopes, chosen by the path's version prefix:
// v1 `{code, data, message}`, v2 `{error, data}`, v3 `{data}` / `{error:{code,message,param,doc_url}}`.
import { ERROR_TABLE, type OratorError } from '../domain/errors.js';

export type ApiVersion = 'v1' | 'v2' | 'v3' | 'none';

export function apiVersionOf(url: string): ApiVersion {
  const m = /^\/(v[123])\//.exec(url);
  return m ? (m[1] as ApiVersion) : 'none';
}

export function v1Ok<T>(data: T): { code: 100; data: T; message: 'Success' } {
  return { code: 100, data, message: 'Success' };
}

export function v2Ok<T>(data: T): { error: null; data: T } {
  return { error: null, data };
}

export function errorEnvelope(version: ApiVersion, err: OratorError): { status: number; body: unknown } {
  const spec = ERROR_TABLE[err.kind];
  switch (version) {
    case 'v1':
      return { status: spec.httpStatus, body: { code: spec.legacyCode, message: err.message, data: null } };
    case 'v2':
      return { status: spec.httpStatus, body: { error: { code: spec.v3Code, message: err.message }, data: null } };
    case 'v3':
    case 'none':
      return { status: spec.httpStatus, body: { error: { code: spec.v3Code, message: err.message, param: err.param ?? null, doc_url: null } } };
  }
}

// What every photo-avatar job shares: the failure a record keeps, the finishing transaction (which
// checks the lease first, so a worker that lost its job cannot finish it twice), and copies of pictures
// into the job's scratch folder.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ERROR_TABLE, isOratorError, OratorError } from '../../domain/errors.js';
import { LeaseLostError, type JobContext } from '../../domain/job-handler.js';
import type { PhotoAvatarError } from '../../domain/photo-avatar.js';
import { redactPaths } from '../../domain/redact-paths.js';
import type { BlobStore, TransactionScope, UnitOfWork } from '../ports.js';

/** HeyGen's code and message for a failure; an unexpected error's text names no server files. */
export function photoAvatarErrorOf(err: unknown): PhotoAvatarError {
  if (isOratorError(err)) return { code: err.spec.legacyCode, message: err.message };
  const spec = ERROR_TABLE.internal_error;
  return { code: spec.legacyCode, message: `${spec.message}: ${redactPaths(err instanceof Error ? err.message : String(err))}` };
}

export async function finishJob(uow: UnitOfWork, ctx: JobContext, fn: (tx: TransactionScope) => Promise<void>): Promise<void> {
  await uow.transaction(async (tx) => {
    if (!(await tx.jobs.complete(ctx.jobId, ctx.owner))) throw new LeaseLostError(ctx.jobId);
    await fn(tx);
  });
}

/** Copies a blob into `dir`, keeping its extension; a missing blob (deleted meanwhile) is the caller's `missing` error. */
export async function copyBlobTo(blobs: BlobStore, key: string, dir: string, name: string, missing: () => OratorError): Promise<string> {
  const file = path.join(dir, `${name}${path.extname(key)}`);
  if (!(await blobs.exists(key))) throw missing();
  await pipeline(await blobs.getStream(key), createWriteStream(file));
  return file;
}

/** Writes progress (0–100) at most once per step; a database blip must not fail the job. */
export function progressWriter(write: (progress: number) => Promise<void>): (progress: number) => Promise<void> {
  let last = -1;
  return async (progress) => {
    if (progress === last) return;
    last = progress;
    await write(progress).catch(() => undefined);
  };
}

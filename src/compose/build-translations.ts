// Video translation wiring: the engines of each stage (pocketsphinx, the configured translator, the
// render engine's voices, ffmpeg), the service the routes call and the translate_video job handler.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.js';
import { OratorError } from '../domain/errors.js';
import type { SuppliedFile } from '../domain/video-translation.js';
import { createLipsyncService } from '../services/lipsyncs/lipsync-service.js';
import { createProofreadService } from '../services/translations/proofread-service.js';
import { SqlAssetStore } from '../db/sql-asset-store.js';
import { SqlVideoTranslationStore } from '../db/sql-video-translation-store.js';
import type { JobHandler } from '../domain/job-handler.js';
import type { LanguagePair } from '../domain/video-translation.js';
import type { MediaFetcher } from '../domain/render-plan.js';
import { refusedUrlHost } from '../net/public-address.js';
import { resyncFootageMouth } from '../render/footage/resync-footage-mouth.js';
import { createTranslator } from '../render/translation/create-translator.js';
import { PocketsphinxTranscriber } from '../render/translation/pocketsphinx-transcriber.js';
import { createTranslationMedia } from '../render/translation/translation-media.js';
import { createTranslationSpeech } from '../render/translation/translation-speech.js';
import { assetLookup } from '../services/assets/asset-service.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace, TransactionScope } from '../services/ports.js';
import { createTranslateVideoHandler } from '../services/translations/translate-video-job.js';
import { recordTranslationFinished } from '../services/translations/translation-events.js';
import { baseLanguage, translationLanguages } from '../services/translations/translation-languages.js';
import type { OratorFileResolver, TranslationEngineSet, TranslationStore, TranslationVoice } from '../services/translations/translation-ports.js';
import { createTranslationService, type TranslationService } from '../services/translations/translation-service.js';
import type { BlobUrlSigner } from '../storage/blob-url-signer.js';
import type { DataLayer } from './build-database.js';

/** A chat model can translate between any two languages that have a voice; the setting narrows the targets. */
function chatPairs(config: Config, voices: readonly TranslationVoice[]): LanguagePair[] {
  const spoken = [...new Set(voices.map((v) => baseLanguage(v.locale ?? v.language)))];
  const targets = config.translation.languages ?? spoken;
  return spoken.flatMap((source) => targets.filter((target) => target !== source).map((target) => ({ source, target })));
}

/** Face tracked on every 4th frame of footage, the mesh between interpolated: 60 s of 720p re-synced in 0.85x its length here, where every 3rd took 1.28x (bench/footage-translate-speed.ts). */
const FOOTAGE_DETECT_EVERY = 4;

export function buildTranslationEngines(config: Config, fetcher: MediaFetcher): TranslationEngineSet {
  const t = config.translation;
  const speech = createTranslationSpeech();
  return {
    footageMouth: { detectEvery: FOOTAGE_DETECT_EVERY, resync: (r) => resyncFootageMouth({ ...r, detectEvery: FOOTAGE_DETECT_EVERY }) },
    transcriber: new PocketsphinxTranscriber(),
    translator: createTranslator({ engine: t.engine, url: t.url, apiKey: t.apiKey, model: t.model, chatPairs: t.engine === 'openai' ? chatPairs(config, speech.voices()) : [] }),
    speech,
    media: createTranslationMedia(),
    fetcher,
  };
}

/** `${publicUrl}/files/<key>?Expires=…&Signature=…` → the key, and whether the link is still good. */
export function oratorFileResolver(publicUrl: string, signer: Pick<BlobUrlSigner, 'verify'>): OratorFileResolver {
  const prefix = `${publicUrl}/files/`;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const bare = `${parsed.origin}${parsed.pathname}`;
    if (!bare.startsWith(prefix)) return undefined;
    const key = bare.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
    const check = signer.verify(key, parsed.searchParams.get('Expires') ?? undefined, parsed.searchParams.get('Signature') ?? undefined);
    return { key, signatureValid: check.ok };
  };
}

export interface TranslationServiceParts {
  config: Config;
  data: DataLayer;
  blobs: BlobStore;
  clock: Clock;
  engines: TranslationEngineSet;
  resolveFile: OratorFileResolver;
}

/** A caller's small text file (an SRT): fetched through the guarded fetcher, or read from the blob store. */
function suppliedTextReader(blobs: BlobStore, fetcher: MediaFetcher): (file: SuppliedFile) => Promise<string> {
  return async (file) => {
    if (file.type === 'blob') {
      if (!(await blobs.exists(file.blobKey))) throw new OratorError('asset_not_found', `srt ${file.label} is no longer stored on this server`, { param: 'srt' });
      const chunks: Buffer[] = [];
      for await (const c of await blobs.getStream(file.blobKey)) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orator-srt-'));
    try {
      await fetcher.fetchToFile(file.url, path.join(dir, 'file.srt'));
      return await readFile(path.join(dir, 'file.srt'), 'utf8');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

export function buildTranslationService(p: TranslationServiceParts): TranslationService {
  const db = p.data.database.db;
  const { translator, transcriber } = p.engines;
  const create = {
      uow: p.data.uow,
      videos: p.data.videos,
      assets: assetLookup(new SqlAssetStore(db)),
      voices: () => p.engines.speech.voices(),
      languages: async () => translationLanguages(await translator.pairs(), p.engines.speech.voices()),
      recognitionLanguages: transcriber.languages,
      resolveFile: p.resolveFile,
      refusedUrlHost: p.config.allowPrivateUrls ? () => null : refusedUrlHost,
      clock: p.clock,
  };
  const store = new SqlVideoTranslationStore(db);
  const proofreads = createProofreadService({ create, store, blobs: p.blobs, uow: p.data.uow, clock: p.clock, readText: suppliedTextReader(p.blobs, p.engines.fetcher) });
  const lipsyncs = createLipsyncService({ create, store, blobs: p.blobs, clock: p.clock });
  return createTranslationService({
    create,
    proofreads,
    lipsyncs,
    store,
    blobs: p.blobs,
    clock: p.clock,
    translatorNote: translator.note,
    recognitionName: transcriber.name,
  });
}

export interface TranslateJobParts {
  config: Config;
  data: DataLayer;
  blobs: BlobStore;
  engine: RenderEngine;
  scratch: ScratchSpace;
  clock: Clock;
  engines: TranslationEngineSet;
  log: (msg: string, extra?: object) => void;
}

export function buildTranslateVideoHandler(p: TranslateJobParts): JobHandler<'translate_video'> {
  const store: TranslationStore = new SqlVideoTranslationStore(p.data.database.db);
  return createTranslateVideoHandler({
    uow: p.data.uow,
    store,
    videos: p.data.videos,
    blobs: p.blobs,
    engine: p.engine,
    engines: p.engines,
    scratch: p.scratch,
    clock: p.clock,
    maxSourceSec: p.config.translation.maxSourceSec,
    log: p.log,
    onFinished: (tx: TransactionScope, id: string) => recordTranslationFinished({ blobs: p.blobs, clock: p.clock }, tx, id),
  });
}

// Builds the real platform (SQLite in a temp dir, local blobs, SQL queue) with a fake render engine,
// for in-process API tests with inject().
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { composePlatform, type Platform, type PlatformOptions } from '../../src/compose.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { OratorError } from '../../src/domain/errors.js';
import type { RenderPlan, RenderResult } from '../../src/domain/render-plan.js';
import type { RenderEngine, RenderRunOptions } from '../../src/services/ports.js';
import { STOCK_PHOTOS } from '../../src/render/avatars/photo/stock-photos.js';
import { drawIllustratedPortrait, editPortrait, inspectPortrait } from '../../src/compose/portrait-engine.js';
import type { WorkerPool } from '../../src/jobs/worker-pool.js';

export interface FakeEngineControls {
  renders: RenderPlan[];
  /** Replace to make the next renders fail or hang. */
  behaviour: (plan: RenderPlan, options: RenderRunOptions) => Promise<void>;
}

export function createFakeEngine(): RenderEngine & { controls: FakeEngineControls } {
  const controls: FakeEngineControls = { renders: [], behaviour: async () => {} };
  const avatars = [
    { avatar_id: 'Daisy-inskirt-20220818', avatar_name: 'Daisy', gender: 'female' as const, default_voice_id: 'flite_slt', tags: ['stock'] },
    { avatar_id: 'josh_lite3_20230714', avatar_name: 'Josh', gender: 'male' as const, default_voice_id: 'flite_rms', tags: [] },
  ];
  const voices = [
    // Two locales, so GET /v2/voices/locales has a set to order.
    { voice_id: 'flite_slt', name: 'SLT', language: 'English', locale: 'en-US', gender: 'female' as const, support_pause: true, emotion_support: false },
    { voice_id: 'flite_rms', name: 'RMS', language: 'English', locale: 'en-GB', gender: 'male' as const, support_pause: true, emotion_support: false },
  ];
  return {
    controls,
    validate(plan) {
      if (plan.scenes.length > 50) throw new OratorError('invalid_parameter', 'too many scenes');
    },
    async render(plan, outDir, options) {
      controls.renders.push(plan);
      options.onProgress?.({ percent: 50, stage: 'compose' });
      await controls.behaviour(plan, options);
      await fsp.mkdir(outDir, { recursive: true });
      const write = async (name: string, body: string) => {
        const p = path.join(outDir, name);
        await fsp.writeFile(p, body);
        return p;
      };
      const result: RenderResult = {
        video: await write('video.mp4', 'fake-mp4-' + '0123456789'.repeat(10)),
        captionedVideo: plan.burnCaptions ? await write('video_caption.mp4', 'fake-captioned') : null,
        thumbnail: await write('thumbnail.jpg', 'fake-jpg'),
        gif: await write('preview.gif', 'fake-gif'),
        srt: await write('captions.srt', '1\n00:00:00,000 --> 00:00:01,000\nhello\n'),
        vtt: await write('captions.vtt', 'WEBVTT\n'),
        durationSec: 1.5 * plan.scenes.length,
        width: plan.width,
        height: plan.height,
        words: [],
        quality: { envelopeCorrelation: 0.8, avOffsetMs: 0 },
      };
      return result;
    },
    listAvatars: () => avatars,
    findAvatar: (id) => avatars.find((a) => a.avatar_id === id),
    listVoices: () => voices,
    findVoice: (id) => voices.find((v) => v.voice_id === id),
    async extractAudio(videoPath, outPath) {
      await fsp.copyFile(videoPath, outPath);
    },
    listStockPhotos: () => STOCK_PHOTOS,
    // Pictures are cheap to check and draw for real: photo-avatar tests see real faces and drawings.
    inspectPortrait,
    editPortrait,
    drawIllustratedPortrait,
  };
}

/** The platform on a data dir with the fake engine, its HTTP app and its worker pool (started unless told). */
export interface ComposedTestPlatform {
  platform: Platform;
  app: FastifyInstance;
  pool: WorkerPool;
  engine: ReturnType<typeof createFakeEngine>;
  dataDir: string;
  /** Stops workers and closes the database, keeping the data dir (a test may compose again on it). */
  stop(): Promise<void>;
}

export interface ComposeTestPlatformOptions {
  dataDir: string;
  env?: Record<string, string>;
  config?: Partial<Config>;
  platform?: Partial<PlatformOptions>;
  startWorkers?: boolean;
}

/** The one place test kits compose the real platform: short leases and polls, instant retries, silent logs. */
export async function composeTestPlatform(options: ComposeTestPlatformOptions): Promise<ComposedTestPlatform> {
  const config: Config = {
    ...loadConfig({ ORATOR_DATA_DIR: options.dataDir, PORT: '8080', ORATOR_PUBLIC_URL: 'http://orator.test', ...options.env }),
    renderConcurrency: 2,
    ...options.config,
  };
  const engine = createFakeEngine();
  const platform = await composePlatform(config, {
    engine,
    migrate: true,
    logger: pino({ level: 'silent' }),
    leaseMs: 5000,
    pollMs: 50,
    retryDelayMs: () => 10,
    ...options.platform,
  });
  const app = await platform.buildHttpApp();
  const pool = platform.createWorkerPool();
  if (options.startWorkers !== false) pool.start();
  return {
    platform,
    app,
    pool,
    engine,
    dataDir: options.dataDir,
    async stop() {
      await app.close();
      await pool.stop(1000);
      await platform.close();
    },
  };
}

export interface TestPlatform extends ComposedTestPlatform {
  key: string;
  /** stop(), then the data dir goes too. */
  close(): Promise<void>;
}

export interface StartTestPlatformOptions {
  leaseMs?: number;
  concurrency?: number;
  spaceCap?: number;
  startWorkers?: boolean;
}

export async function startTestPlatform(options: StartTestPlatformOptions = {}): Promise<TestPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-test-'));
  const composed = await composeTestPlatform({
    dataDir,
    config: { renderConcurrency: options.concurrency ?? 2, spaceConcurrency: options.spaceCap ?? 10 },
    platform: { leaseMs: options.leaseMs ?? 5000 },
    ...(options.startWorkers === undefined ? {} : { startWorkers: options.startWorkers }),
  });
  const { key } = await createApiKey(composed.platform.keys, { name: 'test' });
  return {
    ...composed,
    key,
    async close() {
      await composed.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TWO_SCENES = {
  video_inputs: [
    {
      character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', avatar_style: 'normal' },
      voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hello there.' },
      background: { type: 'color', value: '#008000' },
    },
    {
      character: { type: 'avatar', avatar_id: 'josh_lite3_20230714' },
      voice: { type: 'text', voice_id: 'flite_rms', input_text: 'Goodbye.' },
    },
  ],
  dimension: { width: 256, height: 256 },
  title: 'two scenes',
  callback_id: 'cb-1',
};

// Every template's thumbnail (issue #12): its first scene rendered by the engine from the defaults, small,
// and kept in the blob store under a hash of the document, so an edit makes a new one and every process
// and restart shares it. The picture is the engine's own thumbnail frame (1 s in, after the entrances).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { RenderPlan, ScenePlan } from '../../domain/render-plan.js';
import type { AspectRatio, TemplateDocument } from '../../domain/template.js';
import type { BlobStore, RenderEngine, ScratchSpace } from '../ports.js';
import { resolveStoredMedia } from '../videos/resolve-stored-media.js';
import { planFromTemplate, type TemplateVideoDeps } from './generate-from-template.js';

export interface TemplateThumbnailDeps extends Pick<TemplateVideoDeps, 'assets' | 'refusedUrlHost' | 'stockMediaBase'> {
  engine: RenderEngine;
  blobs: BlobStore;
  scratch: ScratchSpace;
  /** Epoch ms, for the failure back-off. */
  now: () => number;
  /** How long a read waits for a thumbnail being made (WAIT_MS when absent). */
  waitMs?: number;
}

const SIZES: Record<AspectRatio, { width: number; height: number }> = {
  '16:9': { width: 480, height: 270 },
  '9:16': { width: 270, height: 480 },
  '1:1': { width: 360, height: 360 },
};
/** The engine's thumbnail is the frame at min(1 s, half the length): 2 s puts it at 1 s, after 0.5 s entrances. */
const STILL_SECONDS = 2;
/** How long a link handed out stays valid. */
const URL_TTL_SEC = 24 * 3600;
/** A template whose defaults cannot render (an unreachable default URL) is retried after this long. */
const RETRY_AFTER_MS = 10 * 60 * 1000;

/** A default URL that hangs must not hold a template read: past this, the read answers null. */
const WAIT_MS = 5000;
/** The bump invalidates every cached thumbnail when the way they are drawn changes. */
const THUMBNAIL_VERSION = 1;

export function thumbnailKey(doc: TemplateDocument): string {
  const hash = createHash('sha256').update(JSON.stringify([THUMBNAIL_VERSION, doc])).digest('hex').slice(0, 32);
  return `previews/templates/${hash}.jpg`;
}

/**
 * The first scene as a still: silent (no speech to synthesise; the mouth rests), no music, no length rule,
 * so the render is two seconds of frames at thumbnail size.
 */
export function stillOfFirstScene(plan: RenderPlan): RenderPlan {
  const first = plan.scenes[0]!;
  const scene: ScenePlan = { character: first.character, voice: { type: 'silence', durationSec: STILL_SECONDS }, background: first.background, ...(first.timedLayers ? { timedLayers: first.timedLayers } : {}) };
  return { ...plan, burnCaptions: false, format: 'mp4', scenes: [scene] };
}

export class TemplateThumbnails {
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly deps: TemplateThumbnailDeps) {}

  /**
   * A signed link to the thumbnail, rendering it first (once, however many ask); null when the defaults
   * cannot render, or when the render takes longer than a read should wait (it goes on; the next read links it).
   */
  async url(spaceId: string, doc: TemplateDocument): Promise<string | null> {
    const key = thumbnailKey(doc);
    if (await this.deps.blobs.exists(key)) return this.deps.blobs.signedUrl(key, URL_TTL_SEC);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.deps.waitMs ?? WAIT_MS)));
    const ok = await Promise.race([this.render(spaceId, doc, key), waited]).finally(() => clearTimeout(timer));
    return ok ? this.deps.blobs.signedUrl(key, URL_TTL_SEC) : null;
  }

  /** The link when the thumbnail is already made; otherwise starts making it and answers null (lists never wait). */
  async urlIfReady(spaceId: string, doc: TemplateDocument): Promise<string | null> {
    const key = thumbnailKey(doc);
    if (await this.deps.blobs.exists(key)) return this.deps.blobs.signedUrl(key, URL_TTL_SEC);
    void this.render(spaceId, doc, key);
    return null;
  }

  private render(spaceId: string, doc: TemplateDocument, key: string): Promise<boolean> {
    const failed = this.failedAt.get(key);
    if (failed !== undefined && this.deps.now() - failed < RETRY_AFTER_MS) return Promise.resolve(false);
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.renderInto(spaceId, doc, key).then(
        () => true,
        () => (this.failedAt.set(key, this.deps.now()), false),
      ).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async renderInto(spaceId: string, doc: TemplateDocument, key: string): Promise<void> {
    const plan = stillOfFirstScene(await planFromTemplate(this.deps, spaceId, doc, { scene_ids: [doc.scenes[0]!.id], dimension: SIZES[doc.aspect_ratio] }));
    const dir = await this.deps.scratch.create('template-thumbnail');
    try {
      const local = await resolveStoredMedia(plan, this.deps.blobs, path.join(dir, 'media'));
      const result = await this.deps.engine.render(local, path.join(dir, 'out'), { workDir: path.join(dir, 'work') });
      await this.deps.blobs.putFile(key, result.thumbnail);
    } finally {
      await this.deps.scratch.remove(dir);
    }
  }
}

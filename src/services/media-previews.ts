// Avatar and voice previews, rendered by the engine on first request and cached in the blob store
// (so every process and every restart shares them). Concurrent first requests share one render.
import path from 'node:path';
import { OratorError } from '../domain/errors.js';
import type { RenderPlan } from '../domain/render-plan.js';
import type { BlobStore, RenderEngine, ScratchSpace } from './ports.js';

export type AvatarPreviewKind = 'image' | 'video';

export interface MediaPreviewDeps {
  engine: RenderEngine;
  blobs: BlobStore;
  scratch: ScratchSpace;
}

const PREVIEW_SIZE = 384;

export class MediaPreviews {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: MediaPreviewDeps) {}

  private keysFor(avatarId: string) {
    return { image: `previews/avatars/${avatarId}/image.jpg`, video: `previews/avatars/${avatarId}/video.mp4` };
  }

  /** Blob key of the preview, rendering it first when missing. */
  async avatarPreview(avatarId: string, kind: AvatarPreviewKind): Promise<string> {
    const avatar = this.deps.engine.findAvatar(avatarId);
    if (!avatar) throw new OratorError('avatar_not_found', `Avatar ${avatarId} not found`, { param: 'avatar_id' });
    const keys = this.keysFor(avatarId);
    if (await this.deps.blobs.exists(keys[kind])) return keys[kind];
    await this.once(`avatar:${avatarId}`, async () => {
      const plan: RenderPlan = {
        width: PREVIEW_SIZE,
        height: PREVIEW_SIZE,
        fps: 25,
        seed: 1,
        format: 'mp4',
        burnCaptions: false,
        scenes: [
          {
            character: { type: 'avatar', avatarId, style: 'closeUp', scale: 1, offset: { x: 0, y: 0 }, matting: false },
            voice: { type: 'text', voiceId: avatar.default_voice_id, text: `Hi, I am ${avatar.avatar_name}.`, speed: 1, pitch: 0 },
            background: { type: 'color', color: '#EEF0F5' },
          },
        ],
      };
      await this.renderInto(plan, async (r) => {
        await this.deps.blobs.putFile(keys.video, r.video);
        await this.deps.blobs.putFile(keys.image, r.thumbnail);
      });
    });
    return keys[kind];
  }

  async voicePreview(voiceId: string): Promise<string> {
    const voice = this.deps.engine.findVoice(voiceId);
    if (!voice) throw new OratorError('voice_not_found', `Voice ${voiceId} not found`, { param: 'voice_id' });
    const key = `previews/voices/${voiceId}/sample.m4a`;
    if (await this.deps.blobs.exists(key)) return key;
    await this.once(`voice:${voiceId}`, async () => {
      const plan: RenderPlan = {
        width: 160,
        height: 160,
        fps: 25,
        seed: 1,
        format: 'mp4',
        burnCaptions: false,
        scenes: [
          {
            character: null,
            voice: { type: 'text', voiceId, text: `Hello, this is ${voice.name}.`, speed: 1, pitch: 0 },
            background: { type: 'color', color: '#000000' },
          },
        ],
      };
      await this.renderInto(plan, async (r, dir) => {
        const audio = path.join(dir, 'sample.m4a');
        await this.deps.engine.extractAudio(r.video, audio);
        await this.deps.blobs.putFile(key, audio);
      });
    });
    return key;
  }

  private async renderInto(plan: RenderPlan, store: (r: Awaited<ReturnType<RenderEngine['render']>>, dir: string) => Promise<void>): Promise<void> {
    const dir = await this.deps.scratch.create('preview');
    try {
      const r = await this.deps.engine.render(plan, path.join(dir, 'out'), { workDir: path.join(dir, 'work') });
      await store(r, dir);
    } finally {
      await this.deps.scratch.remove(dir);
    }
  }

  private once(id: string, work: () => Promise<void>): Promise<void> {
    let p = this.inFlight.get(id);
    if (!p) {
      p = work().finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, p);
    }
    return p;
  }
}

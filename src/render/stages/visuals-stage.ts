// Visuals stage: everything visual that does not depend on speech timing — backgrounds, the watermark,
// one rig per avatar track and, on the fast path (static backgrounds, MP4), the precomposited stills.
// It runs while the speech stage synthesises.
import { join } from 'node:path';
import type { CharacterPlan } from '../../domain/render-plan.js';
import type { AvatarRig } from '../avatars/avatar-catalogue.js';
import { characterIdentity, groupAvatarTracks } from '../avatars/group-avatar-tracks.js';
import { restPosition, rigHeightFor } from '../motion/avatar-placement.js';
import { buildIdleMotion } from '../motion/idle-motion.js';
import { prepareWatermark, type WatermarkInput } from '../media/watermark.js';
import { engineSource } from '../media/engine-source.js';
import { describeSource, localMedia } from '../media/local-media.js';
import { prepareBackgrounds, type BackgroundSegment } from '../media/prepare-backgrounds.js';
import { prepareTimedLayers } from '../media/prepare-timed-layers.js';
import type { PreparedTimedLayer } from '../compose/timed-layer-filter.js';
import { StillFactory, type PlacedTrack } from '../stills/still-factory.js';
import type { RenderContext } from './render-context.js';

export interface VisualsStageOutput {
  backgrounds: BackgroundSegment[];
  tracks: PlacedTrack[];
  /** Present on the fast path (static backgrounds, MP4). */
  stills: StillFactory | null;
  watermark: WatermarkInput | null;
  /** Template layers with their own time on screen, timed relative to their scenes; drawn by the overlay graph. */
  timedLayers: PreparedTimedLayer[];
}

/**
 * Only flat colours take the precomposited path: its idle motion moves the whole picture, which over a
 * flat colour changes nothing but the avatar, while a photo or pattern behind it would visibly jump
 * 2 px with every step of the sway. Images go through the overlay (about a third more encode CPU),
 * where only the avatar moves.
 */
export function usesStaticBackgrounds(ctx: RenderContext): boolean {
  // Timed layers and transitions are drawn by the overlay graph.
  return ctx.format === 'mp4' && ctx.plan.scenes.every((s) => s.background.type === 'color' && !s.timedLayers?.length && !s.transition);
}

export async function runVisualsStage(ctx: RenderContext): Promise<VisualsStageOutput> {
  const { plan, workDir, options } = ctx;
  const wm = plan.watermark;
  const watermarkSource = wm ? engineSource(wm.source) : null;
  const watermarkPromise = wm && watermarkSource
    ? localMedia(watermarkSource, workDir, 'watermark', options).then((input) =>
        prepareWatermark(input, wm, plan, join(workDir, 'watermark.png'), describeSource(watermarkSource)))
    : Promise.resolve(null);
  // All settle before any failure is thrown, so nothing is still writing when the work dir goes.
  const [backgroundsResult, watermarkResult, timedResult] = await Promise.allSettled([prepareBackgrounds(plan, workDir, options), watermarkPromise, prepareTimedLayers(plan, ctx)]);
  if (backgroundsResult.status === 'rejected') throw backgroundsResult.reason;
  if (watermarkResult.status === 'rejected') throw watermarkResult.reason;
  if (timedResult.status === 'rejected') throw timedResult.reason;
  const backgrounds = backgroundsResult.value;
  const rigs = new Map<string, Promise<AvatarRig>>();
  const tracks = await Promise.all(
    groupAvatarTracks(plan.scenes).map(async (track): Promise<PlacedTrack> => {
      const c = track.character;
      const height = rigHeightFor(plan.height, c.scale);
      const key = `${characterIdentity(c)}|${c.style}|${height}`;
      let rig = rigs.get(key);
      if (!rig) {
        rig = buildRig(ctx, c, height, track.scenes[0]!);
        rigs.set(key, rig);
      }
      const built = await rig;
      return { rig: built, rest: restPosition(plan, built, c.offset), scenes: track.scenes };
    }),
  );
  let stills: StillFactory | null = null;
  if (usesStaticBackgrounds(ctx)) {
    // One motion for the whole picture, sized for the biggest avatar that is fully on screen.
    const motion = buildIdleMotion(plan.seed, Math.min(plan.height, Math.max(0, ...tracks.map((t) => t.rig.height))) || plan.height);
    stills = new StillFactory(plan, backgrounds.map((b) => b.input), tracks, motion, workDir);
    stills.sceneBackgrounds = plan.scenes.map((_, i) => backgrounds.findIndex((b) => b.scenes.includes(i)));
    await stills.warm(plan.scenes.map((_, i) => ({
      background: backgrounds.findIndex((b) => b.scenes.includes(i)),
      track: tracks.findIndex((t) => t.scenes.includes(i)),
    })));
  }
  return { backgrounds, tracks, stills, watermark: watermarkResult.value, timedLayers: timedResult.value };
}

/** Builds one rig for a character at a height; `firstScene` names the scene in error messages. */
type AvatarSource<C extends CharacterPlan> = (ctx: RenderContext, character: C, height: number, firstScene: number) => Promise<AvatarRig>;

/**
 * The avatar sources, one per character type (exhaustive over the union): a new kind of avatar (footage,
 * a streaming source) is an entry here, not a branch in a stage.
 */
const AVATAR_SOURCES: { [T in CharacterPlan['type']]: AvatarSource<Extract<CharacterPlan, { type: T }>> } = {
  // A stock avatar's drawn rig (cached by avatar, style and height).
  avatar: ({ deps, options }, c, height) => deps.buildAvatarRig({ avatarId: c.avatarId, style: c.style, height, cacheDir: options.cacheDir }),
  // A photo is fetched like any other media, then animated from its face (cached by image hash), framed
  // for this video's aspect.
  photo: ({ deps, options, workDir, plan }, c, height, firstScene) =>
    localMedia(engineSource(c.image), workDir, `photo${firstScene}`, options).then((imagePath) =>
      deps.buildPhotoRig({
        imagePath, style: c.style, height, cacheDir: options.cacheDir, param: `video_inputs[${firstScene}].character.image`,
        frame: { width: plan.width, height: plan.height },
      })),
};

function buildRig(ctx: RenderContext, c: CharacterPlan, height: number, firstScene: number): Promise<AvatarRig> {
  const source = AVATAR_SOURCES[c.type] as AvatarSource<CharacterPlan>;
  return source(ctx, c, height, firstScene);
}

// The fast path's pictures: every distinct (background, avatar state) picture is composited once into a
// full-frame still; the video is a concat list of those stills. The whole picture drifts with the idle
// motion (a crop window over a padded canvas), which over a flat colour moves only the avatar (image
// backgrounds take the overlay path instead, where they stay still). Every track shares that one
// motion, so the quality figures follow the mouth correctly.
import type { RenderPlan } from '../../domain/render-plan.js';
import type { AvatarRig } from '../avatars/avatar-catalogue.js';
import type { IdleMotion } from '../motion/idle-motion.js';
import { backgroundCanvas, composedStillPath, writeComposedStill, type BackgroundCanvas } from './precompose-stills.js';
import type { BackgroundSource } from '../media/prepare-backgrounds.js';
import { VISEMES, type Viseme } from '../visemes/viseme.js';

/** An avatar track as the pictures see it: its rig, where it rests and the scenes it spans. */
export interface PlacedTrack {
  rig: AvatarRig;
  /** Top-left corner of the rig at rest, frame coordinates. */
  rest: { x: number; y: number };
  scenes: number[];
}

export class StillFactory {
  readonly padPx: number;
  private readonly spec: { width: number; height: number; padPx: number; fps: number };
  private readonly canvases = new Map<number, Promise<BackgroundCanvas>>();
  private readonly stills = new Map<string, Promise<string>>();

  constructor(
    plan: RenderPlan,
    private readonly backgrounds: BackgroundSource[],
    private readonly tracks: PlacedTrack[],
    readonly motion: IdleMotion,
    private readonly workDir: string,
  ) {
    this.padPx = Math.ceil((Math.max(motion.swayPx, motion.breathePx) + 2) / 2) * 2;
    this.spec = { width: plan.width, height: plan.height, padPx: this.padPx, fps: plan.fps };
  }

  /** Background segment index per scene. */
  sceneBackgrounds: number[] = [];

  static key(background: number, track: number, viseme?: Viseme, eyesClosed?: boolean): string {
    return track < 0 ? `b${background}` : `b${background}-t${track}-${viseme}-${eyesClosed ? 'c' : 'o'}`;
  }

  /** Composites every state the scenes can show (up to a bound; the rest are made on demand). */
  async warm(sceneCombos: { background: number; track: number }[]): Promise<void> {
    const keys = new Set<string>();
    for (const { background, track } of sceneCombos) {
      if (track < 0) keys.add(StillFactory.key(background, -1));
      else for (const v of VISEMES) for (const closed of [false, true]) keys.add(StillFactory.key(background, track, v, closed));
    }
    if (keys.size > 72) return;
    await Promise.all([...keys].map((k) => this.path(k)));
  }

  path(key: string): Promise<string> {
    let still = this.stills.get(key);
    if (!still) {
      still = this.compose(key);
      this.stills.set(key, still);
    }
    return still;
  }

  private async compose(key: string): Promise<string> {
    const [bgPart, trackPart, viseme, eyes] = key.split('-');
    const b = Number(bgPart!.slice(1));
    let canvas = this.canvases.get(b);
    if (!canvas) {
      const bg = this.backgrounds[b]!;
      if (bg.kind !== 'color') throw new Error('only colour backgrounds are precomposited');
      canvas = Promise.resolve(backgroundCanvas(bg.color, this.spec));
      this.canvases.set(b, canvas);
    }
    let avatar = null;
    if (trackPart) {
      const track = this.tracks[Number(trackPart.slice(1))]!;
      const pair = track.rig.stills[viseme as Viseme];
      avatar = { stillPng: eyes === 'c' ? pair.eyesClosed : pair.eyesOpen, x: track.rest.x, y: track.rest.y, width: track.rig.width, height: track.rig.height };
    }
    return writeComposedStill(await canvas, this.spec, avatar, composedStillPath(this.workDir, key));
  }
}

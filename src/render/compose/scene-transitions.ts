// Scene transitions (issue #12): how one scene's picture gives way to the next (fade, slide) inside the
// single encode pass, without changing any scene's length (so speech and picture stay in sync).
import type { ScenePlan } from '../../domain/render-plan.js';

export interface TransitionInput {
  type: 'fade' | 'slide';
  /** The first frame of the scene being joined to the one before it. */
  atFrame: number;
  frames: number;
}

/** The transitions of a plan's scenes, on the video's frame grid. */
export function transitionInputs(scenes: readonly Pick<ScenePlan, 'transition'>[], sceneStarts: readonly number[], fps: number): TransitionInput[] {
  void scenes; void sceneStarts; void fps;
  return [];
}

/** Appends the transitions' filters after the picture labelled `current`; returns the new label. */
export function appendTransitions(graph: string[], current: string, transitions: readonly TransitionInput[], video: { fps: number; width: number; height: number }): string {
  void graph; void transitions; void video;
  return current;
}

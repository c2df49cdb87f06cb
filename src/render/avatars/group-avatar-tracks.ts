// Runs of consecutive scenes with the same character become one avatar track (one rig, one motion).
import type { CharacterPlan, ScenePlan } from '../../domain/render-plan.js';

export interface AvatarTrackPlan {
  character: CharacterPlan;
  /** Indices of the scenes the track spans, consecutive. */
  scenes: number[];
}

export function groupAvatarTracks(plans: readonly ScenePlan[]): AvatarTrackPlan[] {
  const tracks: AvatarTrackPlan[] = [];
  let previous: CharacterPlan | null = null;
  plans.forEach((plan, i) => {
    const c = plan.character;
    const last = tracks[tracks.length - 1];
    if (c && last && previous && sameCharacter(previous, c)) last.scenes.push(i);
    else if (c) tracks.push({ character: c, scenes: [i] });
    previous = c;
  });
  return tracks;
}

function sameCharacter(a: CharacterPlan, b: CharacterPlan): boolean {
  return characterIdentity(a) === characterIdentity(b) && a.style === b.style && a.scale === b.scale && a.offset.x === b.offset.x && a.offset.y === b.offset.y;
}

/** Who is on screen: a stock avatar id, or the photo's source. */
export function characterIdentity(c: CharacterPlan): string {
  return c.type === 'avatar' ? `avatar:${c.avatarId}` : `photo:${JSON.stringify(c.image)}`;
}

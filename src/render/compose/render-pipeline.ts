// Plan → files. Stages: fetch media, speech per scene, avatar rigs and still sequences, one encode
// pass, previews, captions, quality figures. Everything temporary lives in one work dir that is
// removed whatever happens.
import { mkdir, mkdtemp, rm, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { isOratorError, OratorError } from '../../domain/errors.js';
import type { AvatarRig, PixelBox } from '../avatars/avatar-catalogue.js';
import type { BackgroundPlan, CharacterPlan, ImageFit, MediaSource, OutputFormat, RenderPlan, RenderProgress, RenderResult, ScenePlan, VideoPlayStyle, WordTiming } from '../../domain/render-plan.js';
import type { RenderOptions } from '../render-video.js';
import { VISEMES, type Viseme } from '../visemes/viseme.js';
import { buildBurnCaptionsArgs } from '../media/build-burn-captions-args.js';
import type { PreviewOutputs } from '../media/build-preview-args.js';
import { buildCaptionCues, formatSrt, formatWebVtt } from '../media/caption-cues.js';
import { probeMedia } from '../media/probe-media.js';
import { measureLipSync } from '../quality/measure-lip-sync.js';
import { restPosition, rigHeightFor } from './avatar-placement.js';
import { buildBlinkSchedule, eyesClosedMask } from './blink-schedule.js';
import { buildComposeArgs, buildStillsComposeArgs, type AudioTrackInput, type AvatarTrackInput, type BackgroundInput } from './build-compose-args.js';
import { backgroundCanvas, composedStillPath, writeComposedStill, type BackgroundCanvas } from './precompose-stills.js';
import { fileExtension } from './encoder-args.js';
import { buildFfconcat } from './ffconcat.js';
import { buildIdleMotion, idleMotionStepAt, type IdleMotion } from './idle-motion.js';
import { prepareRigStills } from './prepare-rig-stills.js';
import type { RenderDeps } from './render-deps.js';
import { runFfmpeg, ToolError } from './run-ffmpeg.js';
import { scaleVisemesByLoudness, readWavEnvelope } from './loudness-visemes.js';
import { buildStillRuns, exactConcatEntries, stillRunsToConcatEntries } from './still-sequence.js';
import { buildCropCommands, type CropStep } from './crop-commands.js';
import { alignMotionToChanges, frameRuns, type WindowPosition } from './frame-runs.js';
import { validateRenderPlanWith } from './validate-render-plan.js';
import { engineSource } from '../media/engine-source.js';
import { redactPaths } from '../../domain/redact-paths.js';
import { prepareWatermark, type WatermarkInput } from './watermark.js';

interface PreparedScene {
  frames: number;
  audioPath: string | null;
  visemes: Viseme[];
  /** Word times relative to the scene start. */
  words: WordTiming[];
}

interface PreparedTrack {
  rig: AvatarRig;
  startFrame: number;
  frames: number;
  visemes: Viseme[];
  eyesClosed: boolean[];
  /** Top-left corner of the rig at rest, frame coordinates. */
  rest: { x: number; y: number };
  motion: IdleMotion;
}

/** The container a plan ends up in: transparent backgrounds need alpha, which MP4/H.264 cannot carry. */
export function effectiveFormat(plan: RenderPlan): OutputFormat {
  const transparent = plan.scenes.some((s) => s.background.type === 'transparent');
  return transparent && plan.format === 'mp4' ? 'webm' : plan.format;
}

export async function runRenderPipeline(plan: RenderPlan, outDir: string, options: RenderOptions, deps: RenderDeps): Promise<RenderResult> {
  validateRenderPlanWith(plan, deps);
  const { signal } = options;
  const report = (percent: number, stage: string): void => options.onProgress?.({ percent: Math.round(percent), stage } satisfies RenderProgress);
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'orator-render-')));
  // Work started in parallel must settle before the work dir goes, or it would write into a removed dir.
  const pending: Promise<unknown>[] = [];
  try {
    await mkdir(workDir, { recursive: true });
    await mkdir(outDir, { recursive: true });
    const outAbs = resolve(outDir);
    const fps = plan.fps;
    const format = effectiveFormat(plan);
    report(0, 'preparing');

    // 1. Pictures and sound are independent until the encode: backgrounds, rigs and (for static
    // backgrounds) the precomposited stills are prepared while the speech is synthesised.
    // Only flat colours take the precomposited path: its idle motion moves the whole picture, which
    // over a flat colour changes nothing but the avatar, while a photo or pattern behind it would
    // visibly jump 2 px with every step of the sway. Images go through the overlay (about a third
    // more encode CPU), where only the avatar moves.
    const staticBackgrounds = format === 'mp4' && plan.scenes.every((s) => s.background.type === 'color');
    const visualsPromise = prepareVisuals(plan, staticBackgrounds, workDir, options, deps);
    pending.push(visualsPromise);
    visualsPromise.catch(() => undefined); // a failure surfaces at the await below, not as unhandled

    const scenes: PreparedScene[] = [];
    for (const [i, scene] of plan.scenes.entries()) {
      signal?.throwIfAborted();
      scenes.push(await prepareScene(scene, i, workDir, fps, options, deps));
      report(2 + (23 * (i + 1)) / plan.scenes.length, 'speech');
    }
    const totalFrames = scenes.reduce((sum, s) => sum + s.frames, 0);
    const sceneStarts: number[] = [];
    scenes.reduce((start, s) => (sceneStarts.push(start), start + s.frames), 0);
    const visuals = await visualsPromise;
    report(28, 'backgrounds');

    // 2. Timing: segment lengths, per-frame mouth and eye state for each avatar track.
    const backgrounds: BackgroundInput[] = visuals.backgrounds.map((b) => ({ ...b.input, frames: sumFrames(scenes, b.scenes) }) as BackgroundInput);
    const prepared: PreparedTrack[] = visuals.tracks.map((track, t) => {
      const frames = sumFrames(scenes, track.scenes);
      const blinks = buildBlinkSchedule({ totalFrames: frames, fps, seed: plan.seed + t });
      return {
        rig: track.rig, startFrame: sceneStarts[track.scenes[0]!]!, frames,
        visemes: track.scenes.flatMap((i) => scenes[i]!.visemes), eyesClosed: eyesClosedMask(blinks, frames),
        rest: track.rest, motion: visuals.stills?.motion ?? buildIdleMotion(plan.seed + t, track.rig.height),
      };
    });
    report(32, 'avatar');

    // 4. One encode pass with the audio muxed in. Static backgrounds in MP4 take the fast path
    // (precomposited full-frame stills, no overlay); the rest overlay the rig on the background.
    const videoPath = join(outAbs, `video.${fileExtension(format)}`);
    const thumbnail = join(outAbs, 'thumbnail.jpg');
    const gif = join(outAbs, 'preview.gif');
    const previews = { thumbnailPath: thumbnail, gifPath: gif };
    const audio: AudioTrackInput[] = scenes.map((s, i) => ({ path: s.audioPath, frames: s.frames, ...volumeOf(plan.scenes[i]!) }));
    const args = visuals.stills
      ? await precomposedArgs(plan, visuals.stills, prepared, audio, totalFrames, workDir, videoPath, visuals.watermark, previews)
      : await overlayArgs(plan, format, backgrounds, prepared, audio, workDir, videoPath, visuals.watermark, previews);
    report(35, 'avatar');
    const durationSec = totalFrames / fps;
    await runStep('encoding', () =>
      runFfmpeg(args, { ...(signal ? { signal } : {}), onProgress: (sec) => report(35 + 50 * Math.min(1, sec / durationSec), 'encoding') }),
    );
    report(85, 'encoding');

    // 5. Captions.
    const words = scenes.flatMap((s, i) => s.words.map((w) => shiftWord(w, sceneStarts[i]! / fps)));
    const cues = buildCaptionCues(words);
    const srt = join(outAbs, 'captions.srt');
    const vtt = join(outAbs, 'captions.vtt');
    await writeFile(srt, formatSrt(cues));
    await writeFile(vtt, formatWebVtt(cues));

    // 6. The captioned variant and the quality figures read the finished file (the previews came out
    // of the encode pass); they run side by side because each leaves a core partly idle.
    const captionedVideo = plan.burnCaptions ? join(outAbs, `video.captioned.${fileExtension(format)}`) : null;
    const main = [...prepared].sort((a, b) => b.frames - a.frames)[0];
    let finished = 0;
    const parallel = (captionedVideo ? 1 : 0) + 1;
    // A failure in one stops the others: no ffmpeg keeps writing after renderVideo has thrown.
    const siblings = new AbortController();
    const forward = (): void => siblings.abort(signal?.reason);
    signal?.addEventListener('abort', forward, { once: true });
    const step = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
      try {
        const value = await runStep(stage, work);
        report(85 + (14 * ++finished) / parallel, stage);
        return value;
      } catch (error) {
        siblings.abort(error);
        throw error;
      }
    };
    const runOptions = { signal: siblings.signal };
    const [quality] = await Promise.all([
      main
        ? step('quality', () =>
            measureLipSync(
              {
                videoPath, format, fps, frameWidth: plan.width, frameHeight: plan.height,
                mouthBox: offsetBox(main.rig.mouthBox, main.rest.x, main.rest.y), motion: main.motion,
                restFrame: main.startFrame + Math.max(0, main.visemes.indexOf('X')),
                startFrame: main.startFrame, frames: main.frames,
              },
              runOptions,
            ),
          )
        : Promise.resolve({ envelopeCorrelation: 0, avOffsetMs: 0 }),
      captionedVideo
        ? step('captions', () => runFfmpeg(buildBurnCaptionsArgs({ videoPath, srtPath: srt, format, height: plan.height, fps, outPath: captionedVideo }), runOptions))
        : Promise.resolve(null),
    ]).finally(() => signal?.removeEventListener('abort', forward));
    report(100, 'done');
    return { video: videoPath, captionedVideo, thumbnail, gif, srt, vtt, durationSec: Math.round(durationSec * 1000) / 1000, width: plan.width, height: plan.height, words, quality };
  } finally {
    await Promise.allSettled(pending);
    await rm(workDir, { recursive: true, force: true });
  }
}

function volumeOf(scene: ScenePlan): { volume?: number } {
  return scene.voice.type === 'text' && scene.voice.volume !== undefined ? { volume: scene.voice.volume } : {};
}

function sumFrames(scenes: readonly PreparedScene[], indices: readonly number[]): number {
  return indices.reduce((sum, i) => sum + scenes[i]!.frames, 0);
}

async function runStep<T>(stage: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ToolError) {
      throw new OratorError('render_failed', `Video rendering failed while ${stage}`, { detail: redactPaths(error.stderrTail), cause: error });
    }
    throw error;
  }
}

function shiftWord(word: WordTiming, offset: number): WordTiming {
  return { word: word.word, start: round3(word.start + offset), end: round3(word.end + offset) };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function offsetBox(box: PixelBox, x: number, y: number): PixelBox {
  return { x: box.x + x, y: box.y + y, width: box.width, height: box.height };
}

async function prepareScene(scene: ScenePlan, index: number, workDir: string, fps: number, options: RenderOptions, deps: RenderDeps): Promise<PreparedScene> {
  const voice = scene.voice;
  if (voice.type === 'silence') {
    const frames = Math.max(1, Math.round(voice.durationSec * fps));
    return { frames, audioPath: null, visemes: new Array<Viseme>(frames).fill('X'), words: [] };
  }
  if (voice.type === 'text') {
    const speech = await deps.synthesizeSpeech({
      text: voice.text, voiceId: voice.voiceId, speed: voice.speed, pitch: voice.pitch,
      outPath: join(workDir, `speech${index}.wav`), ...(options.signal ? { signal: options.signal } : {}),
    });
    const frames = Math.max(1, Math.round(speech.durationSec * fps));
    const track = deps.buildVisemeTrack(speech.phones, frames / fps, fps);
    const envelope = await readWavEnvelope(speech.wavPath, fps, options.signal);
    const visemes = scaleVisemesByLoudness(fitLength(track.frames, frames), envelope, deps.mouthOpening);
    return { frames, audioPath: speech.wavPath, visemes, words: speech.words };
  }
  // Uploaded audio: decode, recognise phones, then let loudness decide how far the mouth opens.
  const source = engineSource(voice.source);
  const input = await localMedia(source, workDir, `audio${index}`, options);
  const wav = join(workDir, `audio${index}.wav`);
  try {
    await deps.decodeAudio(input, wav);
  } catch (error) {
    if (isOratorError(error) && error.kind !== 'render_failed' && error.kind !== 'internal_error') {
      // Name the input as the caller knows it (its URL or asset id), not as the work dir copy.
      const message = redactPaths(error.message).split(basename(input)).join(describeSource(source));
      throw new OratorError(error.kind, message, { param: `video_inputs[${index}].voice.audio_url`, cause: error });
    }
    throw new OratorError('invalid_audio_format', `Audio ${describeSource(source)} could not be decoded`, { param: `video_inputs[${index}].voice.audio_url`, cause: error });
  }
  const envelope = await readWavEnvelope(wav, fps, options.signal);
  if (envelope.length === 0) {
    throw new OratorError('empty_audio_stream', `Audio ${describeSource(source)} has no audio`, { param: `video_inputs[${index}].voice.audio_url` });
  }
  const frames = envelope.length;
  const recognised = await deps.phonesFromAudio(wav, voice.transcript);
  const track = deps.buildVisemeTrack(recognised.phones, frames / fps, fps);
  const visemes = scaleVisemesByLoudness(fitLength(track.frames, frames), envelope, deps.mouthOpening);
  return { frames, audioPath: wav, visemes, words: recognised.words ?? [] };
}

function fitLength(frames: readonly Viseme[], length: number): Viseme[] {
  const out = frames.slice(0, length);
  while (out.length < length) out.push('X');
  return out;
}

/**
 * A media source as the client knows it: its URL, the id it sent (the label a stored copy carries), or
 * for plans given by path (the CLI) the file's name; never the server's directories.
 */
function describeSource(source: MediaSource): string {
  if ('url' in source) return source.url;
  return source.label ?? basename(source.path);
}

/** A local path for a media source: URLs are downloaded into the work dir by the injected fetcher. */
async function localMedia(source: MediaSource, workDir: string, name: string, options: RenderOptions): Promise<string> {
  if ('path' in source) {
    try {
      await stat(source.path);
    } catch {
      throw new OratorError('asset_not_found', `Media file ${describeSource(source)} not found`);
    }
    return source.path;
  }
  const ext = safeExtension(source.url);
  // Prefixed so a download never shares a name with what is made from it (background0.png …).
  const dest = join(workDir, `download-${name}${ext}`);
  options.signal?.throwIfAborted();
  await options.fetcher.fetchToFile(source.url, dest);
  return dest;
}

function safeExtension(url: string): string {
  try {
    const ext = extname(new URL(url).pathname).toLowerCase();
    return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : '';
  } catch {
    return '';
  }
}

/** Runs of consecutive scenes with the same character become one avatar track (one rig, one motion). */
function groupAvatarTracks(plans: readonly ScenePlan[]): { character: CharacterPlan; scenes: number[] }[] {
  const tracks: { character: CharacterPlan; scenes: number[] }[] = [];
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
function characterIdentity(c: CharacterPlan): string {
  return c.type === 'avatar' ? `avatar:${c.avatarId}` : `photo:${JSON.stringify(c.image)}`;
}

type BackgroundSource =
  | { kind: 'color'; color: string }
  | { kind: 'transparent' }
  | { kind: 'image'; path: string }
  | { kind: 'video'; path: string; fit: ImageFit; playStyle: VideoPlayStyle; sourceDurationSec: number };

interface Visuals {
  backgrounds: { input: BackgroundSource; scenes: number[] }[];
  tracks: { rig: AvatarRig; rest: { x: number; y: number }; scenes: number[] }[];
  /** Present on the fast path (static backgrounds, MP4). */
  stills: StillFactory | null;
  watermark: WatermarkInput | null;
}

/** Everything visual that does not depend on speech timing. */
async function prepareVisuals(plan: RenderPlan, staticBackgrounds: boolean, workDir: string, options: RenderOptions, deps: RenderDeps): Promise<Visuals> {
  const wm = plan.watermark;
  const watermarkSource = wm ? engineSource(wm.source) : null;
  const watermarkPromise = wm && watermarkSource
    ? localMedia(watermarkSource, workDir, 'watermark', options).then((input) =>
        prepareWatermark(input, wm, plan, join(workDir, 'watermark.png'), describeSource(watermarkSource)))
    : Promise.resolve(null);
  // Both settle before either failure is thrown, so nothing is still writing when the work dir goes.
  const [backgroundsResult, watermarkResult] = await Promise.allSettled([prepareBackgrounds(plan, workDir, options), watermarkPromise]);
  if (backgroundsResult.status === 'rejected') throw backgroundsResult.reason;
  if (watermarkResult.status === 'rejected') throw watermarkResult.reason;
  const backgrounds = backgroundsResult.value;
  const rigs = new Map<string, Promise<AvatarRig>>();
  const tracks = await Promise.all(
    groupAvatarTracks(plan.scenes).map(async (track) => {
      const c = track.character;
      const height = rigHeightFor(plan.height, c.scale);
      const key = `${characterIdentity(c)}|${c.style}|${height}`;
      let rig = rigs.get(key);
      if (!rig) {
        const first = track.scenes[0]!;
        // A photo is fetched like any other media, then animated from its face (cached by image hash).
        rig = c.type === 'photo'
          ? localMedia(engineSource(c.image), workDir, `photo${first}`, options).then((imagePath) =>
              deps.buildPhotoRig({ imagePath, style: c.style, height, cacheDir: options.cacheDir, param: `video_inputs[${first}].character.image` }))
          : deps.buildAvatarRig({ avatarId: c.avatarId, style: c.style, height, cacheDir: options.cacheDir });
        rigs.set(key, rig);
      }
      const built = await rig;
      return { rig: built, rest: restPosition(plan, built, c.offset), scenes: track.scenes };
    }),
  );
  let stills: StillFactory | null = null;
  if (staticBackgrounds) {
    // One motion for the whole picture, sized for the biggest avatar that is fully on screen.
    const motion = buildIdleMotion(plan.seed, Math.min(plan.height, Math.max(0, ...tracks.map((t) => t.rig.height))) || plan.height);
    stills = new StillFactory(plan, backgrounds.map((b) => b.input), tracks, motion, workDir);
    stills.sceneBackgrounds = plan.scenes.map((_, i) => backgrounds.findIndex((b) => b.scenes.includes(i)));
    await stills.warm(plan.scenes.map((_, i) => ({
      background: backgrounds.findIndex((b) => b.scenes.includes(i)),
      track: tracks.findIndex((t) => t.scenes.includes(i)),
    })));
  }
  return { backgrounds, tracks, stills, watermark: watermarkResult.value };
}

async function prepareBackgrounds(plan: RenderPlan, workDir: string, options: RenderOptions): Promise<Visuals['backgrounds']> {
  const out: Visuals['backgrounds'] = [];
  let previous: BackgroundPlan | null = null;
  for (const [i, scene] of plan.scenes.entries()) {
    options.signal?.throwIfAborted();
    const bg = scene.background;
    const last = out[out.length - 1];
    if (last && previous && mergeable(previous, bg)) {
      last.scenes.push(i);
      continue;
    }
    previous = bg;
    const param = `video_inputs[${i}].background`;
    if (bg.type === 'color') out.push({ input: { kind: 'color', color: bg.color }, scenes: [i] });
    else if (bg.type === 'transparent') out.push({ input: { kind: 'transparent' }, scenes: [i] });
    else if (bg.type === 'image') {
      const source = engineSource(bg.source);
      const input = await localMedia(source, workDir, `background${i}`, options);
      const path = join(workDir, `background${i}.png`);
      await fitImage(input, path, plan.width, plan.height, bg.fit, describeSource(source), param);
      out.push({ input: { kind: 'image', path }, scenes: [i] });
    } else {
      const source = engineSource(bg.source);
      const input = await localMedia(source, workDir, `background${i}`, options);
      let probe;
      try {
        probe = await probeMedia(input, options.signal);
      } catch (error) {
        if (error instanceof ToolError) throw new OratorError('video_file_corrupted', `Background video ${describeSource(source)} is corrupted or unreadable`, { param, cause: error });
        throw error;
      }
      if (!probe.video || probe.video.width === 0) {
        throw new OratorError('video_format_not_supported', `Background video ${describeSource(source)} has no video stream`, { param });
      }
      out.push({ input: { kind: 'video', path: input, fit: bg.fit, playStyle: bg.playStyle, sourceDurationSec: probe.durationSec }, scenes: [i] });
    }
  }
  return out;
}

/** Colour and transparent backgrounds are the same picture across scenes; images and videos restart. */
function mergeable(a: BackgroundPlan, b: BackgroundPlan): boolean {
  if (a.type === 'color' && b.type === 'color') return a.color.toLowerCase() === b.color.toLowerCase();
  return a.type === 'transparent' && b.type === 'transparent';
}

/** Decodes and scales a background image once, to exactly the frame size (sharp's fit semantics). */
async function fitImage(input: string, output: string, width: number, height: number, fit: import('../../domain/render-plan.js').ImageFit, name: string, param: string): Promise<void> {
  try {
    let image = sharp(input, { failOn: 'error' }).rotate();
    if (fit === 'none') {
      const meta = await sharp(input).metadata();
      const w = Math.min(width, meta.width ?? width);
      const h = Math.min(height, meta.height ?? height);
      image = image.resize(w, h, { fit: 'cover' }).extend({
        top: Math.floor((height - h) / 2), bottom: Math.ceil((height - h) / 2),
        left: Math.floor((width - w) / 2), right: Math.ceil((width - w) / 2), background: '#000000',
      });
    } else {
      image = image.resize(width, height, { fit: fit === 'contain' ? 'contain' : 'cover', background: '#000000' });
    }
    await image.flatten({ background: '#000000' }).png({ compressionLevel: 1 }).toFile(output);
  } catch (error) {
    throw new OratorError('video_file_corrupted', `Background image ${name} is corrupted or not a supported image`, { param, cause: error });
  }
}

/** Overlay path: one concat list of the rig's stills per track, overlaid with idle motion. */
async function overlayArgs(
  plan: RenderPlan, format: OutputFormat, backgrounds: BackgroundInput[], tracks: PreparedTrack[],
  audio: AudioTrackInput[], workDir: string, outPath: string, watermark: WatermarkInput | null, previews: PreviewOutputs,
): Promise<string[]> {
  const avatars: AvatarTrackInput[] = [];
  for (const [t, track] of tracks.entries()) {
    const stills = await prepareRigStills(track.rig, workDir, `rig${t}`);
    const runs = buildStillRuns(track.visemes, track.eyesClosed);
    const entries = stillRunsToConcatEntries(runs, plan.fps, (run) => (run.eyesClosed ? stills[run.viseme].eyesClosed : stills[run.viseme].eyesOpen));
    const concatPath = join(workDir, `avatar${t}.ffconcat`);
    await writeFile(concatPath, buildFfconcat(entries));
    avatars.push({ concatPath, startFrame: track.startFrame, frames: track.frames, x: track.rest.x, y: track.rest.y, motion: track.motion });
  }
  return buildComposeArgs({ width: plan.width, height: plan.height, fps: plan.fps, format, backgrounds, avatars, audio, outPath, watermark, previews });
}

/**
 * Fast path: every distinct (background, avatar state) picture is composited once into a full-frame
 * still; the video is a concat list of those stills. The whole picture drifts with the idle motion
 * (a crop window over a padded canvas), which over a flat colour moves only the avatar (image
 * backgrounds take the overlay path instead, where they stay still).
 * Every track shares that one motion, so the quality figures follow the mouth correctly.
 */
class StillFactory {
  readonly padPx: number;
  private readonly spec: { width: number; height: number; padPx: number; fps: number };
  private readonly canvases = new Map<number, Promise<BackgroundCanvas>>();
  private readonly stills = new Map<string, Promise<string>>();

  constructor(
    plan: RenderPlan,
    private readonly backgrounds: BackgroundSource[],
    private readonly tracks: Visuals['tracks'],
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

async function precomposedArgs(
  plan: RenderPlan, stills: StillFactory, tracks: PreparedTrack[], audio: AudioTrackInput[],
  totalFrames: number, workDir: string, outPath: string, watermark: WatermarkInput | null, previews: PreviewOutputs,
): Promise<string[]> {
  const fps = plan.fps;
  const keys = new Array<string>(totalFrames);
  // Backgrounds first, then the avatar state on top, frame by frame.
  const backgroundOf = new Array<number>(totalFrames).fill(0);
  let frame = 0;
  audio.forEach((scene, i) => {
    for (let k = 0; k < scene.frames; k++) backgroundOf[frame++] = sceneBackground(stills, i);
  });
  for (let f = 0; f < totalFrames; f++) keys[f] = StillFactory.key(backgroundOf[f]!, -1);
  tracks.forEach((track, t) => {
    for (let i = 0; i < track.frames; i++) {
      const f = track.startFrame + i;
      keys[f] = StillFactory.key(backgroundOf[f]!, t, track.visemes[i], track.eyesClosed[i]);
    }
  });
  // The picture on each frame is its still and the window position; only changes become frames.
  const positions = new Array<WindowPosition>(totalFrames);
  for (let f = 0; f < totalFrames; f++) {
    const { dx, dy } = idleMotionStepAt(stills.motion, f / fps);
    positions[f] = { x: stills.padPx - dx, y: stills.padPx - dy };
  }
  const runs = frameRuns(keys, alignMotionToChanges(keys, positions));
  const paths = new Map<string, string>();
  for (const run of runs) if (!paths.has(run.key)) paths.set(run.key, await stills.path(run.key));
  const concatPath = join(workDir, 'frames.ffconcat');
  await writeFile(concatPath, buildFfconcat(exactConcatEntries(runs, fps, (run) => paths.get(run.key)!)));
  const steps: CropStep[] = [];
  for (const run of runs) {
    const last = steps[steps.length - 1];
    if (!last || last.x !== run.x || last.y !== run.y) steps.push({ startFrame: run.startFrame, x: run.x, y: run.y });
  }
  // sendcmd refuses an empty script: a picture that never moves (a very short video) has none.
  const motionCommandsPath = steps.length > 1 ? join(workDir, 'motion.cmd') : null;
  if (motionCommandsPath) await writeFile(motionCommandsPath, buildCropCommands(steps, fps));
  return buildStillsComposeArgs({
    width: plan.width, height: plan.height, fps, concatPath, motionCommandsPath, start: { x: steps[0]!.x, y: steps[0]!.y },
    totalFrames, audio, outPath, watermark, previews,
  });
}

function sceneBackground(stills: StillFactory, scene: number): number {
  return stills.sceneBackgrounds[scene] ?? 0;
}

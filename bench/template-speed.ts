// Template render speed (issue #12), through the engine directly with plans from buildTemplateRenderPlan:
//  (i)  the stock "personalised welcome" against a plain avatar render of the same length (the same
//       presenter, voice and words over a colour background, the closing card as silence), both with a
//       warm rig cache and a new recipient each round, so neither replays speech; target ≥ 0.7×;
//  (ii) a batch of BENCH_BATCH (20) personalised videos sharing one cache dir (cold at the start) against
//       the same videos each rendered with a cold cache of its own; target ≤ 0.5×;
//  (c)  which scenes are the same for every recipient (an encoded scene could only be reused for those),
//       and what encoding the closing card alone costs: what reusing it would save at best.
// Rounds alternate the variants (and which goes first) so all see the same machine load. Renders run
// one at a time. Prints figures (wall time, and CPU time beside it); asserts nothing.
//   node --import tsx bench/template-speed.ts   (npm run bench:templates; BENCH_ROUNDS=3, BENCH_BATCH=20, BENCH_WIDTH=1280, BENCH_HEIGHT=720)
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderPlan, RenderResult } from '../src/domain/render-plan.js';
import { findStockAvatar } from '../src/render/avatars/avatar-catalogue.js';
import { renderVideo } from '../src/render/render-video.js';
import { findVoice } from '../src/render/speech/voice-catalogue.js';
import { stockMediaBase } from '../src/services/templates/stock-media.js';
import { stockTemplates } from '../src/services/templates/stock-templates.js';
import { resolveTemplateVariables } from '../src/services/templates/resolve-template-variables.js';
import { buildTemplateRenderPlan } from '../src/services/templates/template-render-plan.js';

const WIDTH = Number(process.env.BENCH_WIDTH ?? 1280);
const HEIGHT = Number(process.env.BENCH_HEIGHT ?? 720);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const BATCH = Math.max(1, Number(process.env.BENCH_BATCH ?? 20));
const PUBLIC_URL = 'http://orator.bench';
const TEMPLATE = 'stock_personalised_welcome';
const NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Tim', 'Katherine', 'Linus', 'Hedy', 'John', 'Sophie', 'Niklaus', 'Jean', 'Vint'];
const COMPANIES = ['Northwind', 'Contoso', 'Fabrikam', 'Initech', 'Globex', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Acme', 'Soylent', 'Tyrell', 'Cyberdyne', 'Aperture', 'Wonka', 'Oscorp', 'Pied Piper', 'Dunder', 'Massive'];
const doc = stockTemplates(PUBLIC_URL).find((t) => t.id === TEMPLATE)!.document;
const noFetch = { fetchToFile: async () => { throw new Error('the stock template renders from bundled files'); } };

interface Recipient { name: string; company: string }
const recipient = (i: number): Recipient => ({ name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${i}` : ''}`, company: COMPANIES[i % COMPANIES.length]! });

function templatePlan(r: Recipient, sceneIds?: string[]): RenderPlan {
  const text = (content: string) => ({ type: 'text', properties: { content } });
  const values = resolveTemplateVariables(doc.variables, { recipient_name: text(r.name), company: text(r.company) });
  return buildTemplateRenderPlan(doc, { values, scene_ids: sceneIds ?? null, dimension: { width: WIDTH, height: HEIGHT } }, {
    engine: { findAvatar: findStockAvatar, findVoice }, assets: new Map(), refusedUrlHost: () => null, stockMediaBase: stockMediaBase(PUBLIC_URL),
  });
}

/** The same presenter, voice and words over a flat colour; a scene without a presenter stays silence of its rule's length. */
function plainPlan(template: RenderPlan): RenderPlan {
  return {
    ...template,
    scenes: template.scenes.map((s) => ({
      character: s.character,
      voice: s.voice.type === 'silence' && s.length?.type === 'at_least' ? { type: 'silence', durationSec: s.length.seconds } : s.voice,
      background: { type: 'color', color: '#F8FAFC' },
    })),
  };
}

interface Timed { ms: number; cpuSec: number; result: RenderResult }

/**
 * CPU seconds this process and its finished children (ffmpeg, the speech engines) have used (Linux;
 * NaN elsewhere). On a shared machine wall times follow the load; CPU time hardly does.
 */
async function cpuSeconds(): Promise<number> {
  try {
    const fields = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]!.split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
  } catch {
    return Number.NaN;
  }
}

async function timedRender(plan: RenderPlan, root: string, cacheDir: string): Promise<Timed> {
  const out = await mkdtemp(join(root, 'out-'));
  const cpu = await cpuSeconds();
  const start = performance.now();
  const result = await renderVideo(plan, out, { fetcher: noFetch, cacheDir });
  const ms = performance.now() - start;
  const cpuSec = (await cpuSeconds()) - cpu;
  await rm(out, { recursive: true, force: true });
  return { ms, cpuSec, result };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Per-stage figures over renders (median or sum), in the pipeline's order. */
function stageLine(results: readonly RenderResult[], reduce: (xs: number[]) => number): string {
  const stages = ['speech', 'visuals', 'encode', 'captions', 'quality', 'burn_captions'].filter((s) => results.some((r) => r.timings?.[s] !== undefined));
  return stages.map((s) => `${s} ${Math.round(reduce(results.map((r) => r.timings?.[s] ?? 0)))}`).join(', ');
}

/** (c): scenes whose plan is the same for every recipient, and the share of the video they are. */
function invariantScenes(plans: readonly RenderPlan[], results: readonly RenderResult[]): string {
  const first = plans[0]!;
  const same = first.scenes.map((s, i) => plans.every((p) => JSON.stringify(p.scenes[i]) === JSON.stringify(s)));
  const names = (doc.scenes.map((s) => s.id));
  const list = same.map((v, i) => `${names[i]} ${v ? 'same' : 'differs'}`).join(', ');
  const total = median(results.map((r) => r.durationSec));
  return `${same.filter(Boolean).length} of ${same.length} scenes the same for every recipient (${list}); video ${total.toFixed(2)} s`;
}

async function speedVersusPlain(root: string): Promise<void> {
  const caches = { template: join(root, 'cache-template'), plain: join(root, 'cache-plain'), closing: join(root, 'cache-closing') };
  // A running service has its rigs and the template's shared rasters warm: one render each outside the timing.
  const warm = recipient(BATCH + 1);
  await timedRender(templatePlan(warm), root, caches.template);
  await timedRender(plainPlan(templatePlan(warm)), root, caches.plain);
  await timedRender(templatePlan(warm, ['closing']), root, caches.closing);
  const runs: Record<keyof typeof caches, Timed[]> = { template: [], plain: [], closing: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const r = recipient(BATCH + 2 + round);
    const variants: [keyof typeof caches, RenderPlan][] = [['template', templatePlan(r)], ['plain', plainPlan(templatePlan(r))], ['closing', templatePlan(r, ['closing'])]];
    if (round % 2 === 1) variants.reverse();
    for (const [name, plan] of variants) runs[name].push(await timedRender(plan, root, caches[name]));
  }
  const ms = (name: keyof typeof caches) => median(runs[name].map((t) => t.ms));
  console.log(`(i) template render against a plain avatar render of the same length, ${ROUNDS} rounds, median wall ms`);
  for (const name of ['template', 'plain', 'closing'] as const) {
    const label = { template: 'welcome template', plain: 'plain avatar, colour bg', closing: 'closing card alone' }[name];
    console.log(`  ${label.padEnd(24)} ${Math.round(ms(name))} ms for ${median(runs[name].map((t) => t.result.durationSec)).toFixed(2)} s  (${runs[name].map((t) => Math.round(t.ms)).join(', ')})  stages: ${stageLine(runs[name].map((t) => t.result), median)}`);
  }
  console.log(`  speed of a template render relative to a plain one: ${(ms('plain') / ms('template')).toFixed(2)}x (target >= 0.7x)`);
  const cpu = (name: keyof typeof caches) => median(runs[name].map((t) => t.cpuSec));
  console.log(`  CPU per render (median): template ${cpu('template').toFixed(2)} s, plain ${cpu('plain').toFixed(2)} s: ${(cpu('plain') / cpu('template')).toFixed(2)}x by CPU time`);
  console.log(`  encode of the closing card alone: ${median(runs.closing.map((t) => t.result.timings?.encode ?? 0))} ms (what reusing it, were it the same for everyone, could save per video at best)`);
}

async function batchVersusCold(root: string): Promise<void> {
  const shared = join(root, 'cache-batch');
  const batch: Timed[] = [];
  const cold: Timed[] = [];
  const plans = Array.from({ length: BATCH }, (_, i) => templatePlan(recipient(i)));
  for (const [i, plan] of plans.entries()) {
    const own = join(root, `cache-cold-${i}`);
    const pair = [async () => cold.push(await timedRender(plan, root, own)), async () => batch.push(await timedRender(plan, root, shared))];
    for (const step of i % 2 === 0 ? pair : pair.reverse()) await step();
    await rm(own, { recursive: true, force: true });
  }
  const batchMs = sum(batch.map((t) => t.ms));
  const coldMs = sum(cold.map((t) => t.ms));
  console.log(`(ii) ${BATCH} personalised videos (different names and companies), one at a time, total wall ms`);
  console.log(`  batch, one shared cache   ${Math.round(batchMs)}  stages (sum): ${stageLine(batch.map((t) => t.result), sum)}`);
  console.log(`  ${BATCH} x one, cold cache    ${Math.round(coldMs)}  stages (sum): ${stageLine(cold.map((t) => t.result), sum)}`);
  console.log(`  batch relative to ${BATCH} x one: ${(batchMs / coldMs).toFixed(2)}x (target <= 0.5x)`);
  const cpu = (xs: Timed[]) => sum(xs.map((t) => t.cpuSec));
  console.log(`  CPU: batch ${cpu(batch).toFixed(1)} s, ${BATCH} x one ${cpu(cold).toFixed(1)} s: ${(cpu(batch) / cpu(cold)).toFixed(2)}x by CPU time`);
  console.log(`  first batch item ${Math.round(batch[0]!.ms)} ms, later items median ${Math.round(median(batch.slice(1).map((t) => t.ms)))} ms; cold items median ${Math.round(median(cold.map((t) => t.ms)))} ms`);
  console.log(`(c) ${invariantScenes(plans, batch.map((t) => t.result))}`);
  // What no cache can share while every scene differs per recipient: each video's own encode and the
  // quality figures read from its file. The batch cannot go below this share of the cold renders.
  const perVideo = sum(batch.map((t) => (t.result.timings?.encode ?? 0) + (t.result.timings?.quality ?? 0)));
  console.log(`  encode + quality of the batch (per-video work while no scene is shared): ${Math.round(perVideo)} ms = ${(perVideo / coldMs).toFixed(2)}x of ${BATCH} x one: the floor for (ii) without shared scenes`);
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'orator-bench-templates-'));
  try {
    console.log(`${TEMPLATE} at ${WIDTH}x${HEIGHT}, ${doc.scenes.length} scenes (${doc.scenes.map((s) => s.id).join(', ')})`);
    await speedVersusPlain(root);
    await batchVersusCold(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();

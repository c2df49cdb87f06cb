// The client half of `orator`: commands that talk to a running server (Orator or HeyGen) over HTTP with the
// client SDK, beside the server roles. Parsing only; each body is imported when its command runs, so the
// server's modules are never loaded for them. Every command that calls an operation also takes
// --request-schema / --response-schema, which print that operation's schema and call nothing.
import { Command, Option } from 'commander';
import type { Operation } from './operation-schemas.js';

type Done = (code: number) => void;
type Body = (positional: string[], options: Record<string, any>) => Promise<number>;

const CONNECTION_HELP = '\nConnection: --base-url (or ORATOR_BASE_URL, default http://localhost:8080) and --api-key (or ORATOR_API_KEY).\nExit codes: 0 ok, 1 API error, 2 usage error, 3 timed out waiting, 4 the video failed.';

/** Adds the shared options and the action: schema flags first, then the body with the exit code it returns. */
function leaf(cmd: Command, op: Operation | null, done: Done, body: Body): Command {
  cmd.option('--base-url <url>', 'server to talk to (env ORATOR_BASE_URL)').option('--api-key <key>', 'API key (env ORATOR_API_KEY)').option('--json', 'machine-readable output on stdout (errors as JSON on stderr)');
  if (op) {
    cmd.option('--request-schema', `print the JSON Schema of ${op.method.toUpperCase()} ${op.path}'s request and exit`).option('--response-schema', "print the JSON Schema of its response and exit");
  }
  cmd.addHelpText('after', CONNECTION_HELP);
  return cmd.action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const options = command.opts();
    const positional = args.slice(0, -2) as string[];
    if (op && (options.requestSchema || options.responseSchema)) {
      const { printOperationSchema } = await import('./operation-schemas.js');
      return done(await printOperationSchema(op, options.requestSchema ? 'request' : 'response'));
    }
    done(await body(positional, options));
  });
}

/** Runs `fn` from the named action module inside runClientCommand (exit codes, error reports). */
function run<M>(load: () => Promise<M>, fn: (m: M, ctx: import('./client-context.js').ClientContext, positional: string[], options: Record<string, any>) => Promise<void>): Body {
  return async (positional, options) => {
    const [{ runClientCommand }, module] = await Promise.all([import('./client-context.js'), load()]);
    return runClientCommand(options, (ctx) => fn(module, ctx, positional, options));
  };
}

const videoActions = () => import('./video-actions.js');
const catalogueActions = () => import('./catalogue-actions.js');
const collect = (value: string, previous: string[] = []) => [...previous, value];

function addVideoCommands(program: Command, done: Done): void {
  const video = program.command('video').description('create, wait for, list, get, delete and download videos on a server');
  leaf(
    video
      .command('create')
      .description('create an avatar video (POST /v3/videos); with --wait, show its progress and end when it is done')
      .option('--avatar <look-id>', 'avatar look id (`orator avatars`)')
      .option('--voice <voice-id>', 'voice id (`orator voices`); default: the avatar’s own')
      .option('--script <text>', 'what the avatar says')
      .option('--script-file <path>', 'read the script from a file (- for stdin)')
      .option('--background <value>', 'a colour (#1f6feb), an image URL, or an image asset id')
      .option('--title <title>', 'video title')
      .addOption(new Option('--aspect-ratio <ratio>', 'frame shape').choices(['16:9', '9:16', '1:1', '4:5', '5:4']))
      .addOption(new Option('--resolution <res>', 'output resolution').choices(['720p', '1080p', '4k']))
      .option('--dimension <WxH>', 'Orator: exact size in pixels, such as 640x360')
      .option('--caption', 'burn captions into the video')
      .option('--callback-url <url>', 'URL that gets a POST when the video is done')
      .option('--idempotency-key <key>', 'reuse to make a retried command create the video only once')
      .option('--wait', 'wait until the video completed or failed, with a progress bar on stderr')
      .option('--timeout <seconds>', 'how long --wait waits (default 600)')
      .option('--out <file>', 'download the finished video here (implies --wait)'),
    { method: 'post', path: '/v3/videos' },
    done,
    run(videoActions, (m, ctx, _p, o) => m.createVideo(ctx, o)),
  );
  leaf(
    video.command('list').description('list videos, newest first').option('--limit <n>', 'how many (1–100)').option('--token <token>', 'next page').option('--title <text>', 'only titles containing this'),
    { method: 'get', path: '/v3/videos' },
    done,
    run(videoActions, (m, ctx, _p, o) => m.listVideos(ctx, o)),
  );
  leaf(video.command('get').description('a video’s status and file links').argument('<video-id>'), { method: 'get', path: '/v3/videos/{video_id}' }, done, run(videoActions, (m, ctx, [id]) => m.getVideo(ctx, id!)));
  leaf(video.command('delete').description('delete a video and its files').argument('<video-id>'), { method: 'delete', path: '/v3/videos/{video_id}' }, done, run(videoActions, (m, ctx, [id]) => m.deleteVideo(ctx, id!)));
  leaf(
    video
      .command('download')
      .description('download a completed video’s file (resumes a partial <file>.part)')
      .argument('<video-id>')
      .option('--out <file>', 'where to save it (default <video-id>.mp4)')
      .addOption(new Option('--file <which>', 'which file').choices(['video', 'captioned_video', 'thumbnail', 'gif', 'subtitle']).default('video')),
    { method: 'get', path: '/v3/videos/{video_id}' },
    done,
    run(videoActions, (m, ctx, [id], o) => m.downloadVideo(ctx, id!, o)),
  );
}

function addCatalogueCommands(program: Command, done: Done): void {
  const page = (cmd: Command) => cmd.option('--limit <n>', 'how many per page (the server caps it: 50 or 100)').option('--token <token>', 'next page');
  leaf(
    page(program.command('avatars').description('list avatar looks: id (the --avatar of video create), name, type, gender, default voice'))
      .option('--group <group-id>', 'only this avatar group’s looks')
      .addOption(new Option('--type <type>', 'only this kind').choices(['studio_avatar', 'digital_twin', 'photo_avatar'])),
    { method: 'get', path: '/v3/avatars/looks' },
    done,
    run(catalogueActions, (m, ctx, _p, o) => m.listAvatars(ctx, o)),
  );
  leaf(
    page(program.command('voices').description('list voices: voice_id, name, language, gender')).option('--lang <language>', 'only this language (English, Spanish …)').option('--gender <gender>', 'male or female'),
    { method: 'get', path: '/v3/voices' },
    done,
    run(catalogueActions, (m, ctx, _p, o) => m.listVoices(ctx, o)),
  );
  const templates = program.command('templates').description('list templates, read their variables, generate videos from them');
  leaf(page(templates.command('list').description('list templates')), { method: 'get', path: '/v3/templates' }, done, run(catalogueActions, (m, ctx, _p, o) => m.listTemplates(ctx, o)));
  leaf(templates.command('get').description('a template’s variables and scenes').argument('<template-id>'), { method: 'get', path: '/v3/templates/{template_id}' }, done, run(catalogueActions, (m, ctx, [id]) => m.getTemplate(ctx, id!)));
  leaf(
    templates
      .command('generate')
      .description('generate a video from a template')
      .argument('<template-id>')
      .option('--var <name=value>', 'a variable’s value (repeat for more): text, a URL or asset id, an avatar or voice id', collect)
      .option('--title <title>', 'video title')
      .option('--caption', 'burn captions in')
      .option('--wait', 'wait until the video is done, with a progress bar on stderr')
      .option('--timeout <seconds>', 'how long --wait waits (default 600)')
      .option('--out <file>', 'download the finished video here (implies --wait)'),
    { method: 'post', path: '/v3/templates/{template_id}' },
    done,
    run(catalogueActions, (m, ctx, [id], o) => m.generateFromTemplate(ctx, id!, o)),
  );
  const assets = program.command('assets').description('upload images, video and audio for use in videos');
  leaf(assets.command('upload').description('upload a file (- for stdin): prints its asset_id').argument('<file>'), { method: 'post', path: '/v3/assets' }, done, run(catalogueActions, (m, ctx, [file]) => m.uploadAsset(ctx, file!)));
  const webhooks = program.command('webhooks').description('webhook endpoints that receive video events');
  leaf(page(webhooks.command('list').description('list endpoints')), { method: 'get', path: '/v3/webhooks/endpoints' }, done, run(catalogueActions, (m, ctx, _p, o) => m.listWebhooks(ctx, o)));
  leaf(
    webhooks.command('add').description('add an endpoint; prints its signing secret once').argument('<url>').option('--events <list>', 'comma-separated event types (default: all)'),
    { method: 'post', path: '/v3/webhooks/endpoints' },
    done,
    run(catalogueActions, (m, ctx, [url], o) => m.addWebhook(ctx, url!, o)),
  );
  leaf(webhooks.command('delete').description('delete an endpoint').argument('<endpoint-id>'), { method: 'delete', path: '/v3/webhooks/endpoints/{endpoint_id}' }, done, run(catalogueActions, (m, ctx, [id]) => m.deleteWebhook(ctx, id!)));
}

function addMcpCommand(program: Command, done: Done): void {
  leaf(program.command('mcp').description('serve the MCP tools over stdio for a local AI agent, calling the server at --base-url'), null, done, async (_p, options) => {
    const [{ createClientContext, EXIT, UsageError }, { serveMcpOverStdio }] = await Promise.all([import('./client-context.js'), import('../../mcp/serve-mcp-stdio.js')]);
    try {
      await serveMcpOverStdio(createClientContext(options).client);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
  });
}

export function addClientCommands(program: Command, done: Done): void {
  addVideoCommands(program, done);
  addCatalogueCommands(program, done);
  addMcpCommand(program, done);
}

// oidc-provider 9 ships no type declarations: the part of its surface Orator uses, typed loosely where
// the library's own objects pass through untouched.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContextLike {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    status: number;
    body: unknown;
    type: string;
    set(name: string, value: string): void;
    oidc?: { route?: string; [key: string]: unknown };
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string; uid?: string };
    grantId?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContextLike, next: () => Promise<void>) => Promise<void>): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    Grant: typeof Grant;
    Client: { validate(metadata: Record<string, unknown>): Promise<void>; find(id: string): Promise<unknown> };
  }

  export const errors: { InvalidClientMetadata: new (message: string) => Error; [name: string]: unknown };

  export const interactionPolicy: {
    base(): { get(name: string): { checks: { add(check: unknown): void } } };
    Check: {
      new (reason: string, description: string, check: (ctx: KoaContextLike) => boolean | Promise<boolean>): unknown;
      REQUEST_PROMPT: true;
      NO_NEED_TO_PROMPT: false;
    };
  };

  export default Provider;
}

// The frame every server-rendered page shares, and the headers that go with it: a strict content
// security policy (no scripts at all; the one stylesheet is allowed by its hash), no framing, no
// referrer (invitation links carry their token), no caching of pages that show account details.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { html, SafeHtml } from './html.js';

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2430}
main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:10px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}
label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #b8bfcc;border-radius:6px;font:inherit}
button{margin-top:1.2rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#3b5bdb;color:#fff;font:inherit;cursor:pointer}
button.secondary{background:#e4e7ee;color:#1d2430}
.notice{padding:.6rem .8rem;border-radius:6px;background:#e7f5ec;color:#1e5631}
.error{padding:.6rem .8rem;border-radius:6px;background:#fdecec;color:#8a1c1c}
.muted{color:#5b6475;font-size:.9rem}
table{border-collapse:collapse;width:100%}td{padding:.3rem 0;border-bottom:1px solid #eceef2}
nav{margin-top:1.5rem;display:flex;gap:1rem;align-items:center}
nav form{margin:0}nav button{margin:0}
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

export function pageLayout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Orator</title><style>${new SafeHtml(STYLE)}</style></head>
<body><main>
<h1>${title}</h1>
${body}
</main></body>
</html>`;
}

export function sendPage(reply: FastifyReply, status: number, title: string, body: SafeHtml): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', CSP)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(pageLayout(title, body).markup);
}

/** 303 after a form post, so reloading the next page does not post again. */
export function redirectAfterPost(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 303);
}

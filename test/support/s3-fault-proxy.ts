// An HTTP proxy in front of an S3 server (s3rver) that can answer 503 ServiceUnavailable, with S3's XML
// error body, to every request for a while, as S3 does when it sheds load. Presigned URLs minted against
// the proxy's endpoint go through it too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3FaultProxy {
  endpoint: string;
  /** Requests answered 503 so far. */
  readonly refused: number;
  /** Requests forwarded so far. */
  readonly forwarded: number;
  failing: boolean;
  close(): Promise<void>;
}

const SERVICE_UNAVAILABLE = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message><RequestId>fault-proxy</RequestId></Error>`;

export async function startS3FaultProxy(target: string): Promise<S3FaultProxy> {
  const upstream = new URL(target);
  let refused = 0;
  let forwarded = 0;
  const state = { failing: false };
  const server = http.createServer((req, res) => {
    if (state.failing) {
      refused += 1;
      // Read the body first so the client is not cut off mid-upload (S3 answers after the request too).
      req.resume();
      req.on('end', () => res.writeHead(503, { 'content-type': 'application/xml', 'retry-after': '1' }).end(SERVICE_UNAVAILABLE));
      return;
    }
    forwarded += 1;
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get refused() {
      return refused;
    },
    get forwarded() {
      return forwarded;
    },
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

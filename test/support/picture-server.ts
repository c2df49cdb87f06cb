// A tiny HTTP server on 127.0.0.1 that serves pictures by path (image_url / file.url in photo-avatar
// tests), and 404 for anything else.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PictureServer {
  url(name: string): string;
  close(): Promise<void>;
}

export async function servePictures(pictures: Record<string, Buffer>): Promise<PictureServer> {
  const server = http.createServer((req, res) => {
    const body = pictures[(req.url ?? '/').slice(1).split('?')[0]!];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': body[0] === 0xff ? 'image/jpeg' : 'image/png', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: (name) => `${base}/${name}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

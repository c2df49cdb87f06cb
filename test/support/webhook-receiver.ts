// Collects webhook deliveries (callback_url or registered endpoints) for exactly-once checks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  event_type: string;
  video_id: string;
  /** The `webhook-id` header: the same on every redelivery of one event. */
  webhook_id: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      const webhook_id = String(req.headers['webhook-id'] ?? '');
      try {
        const j = JSON.parse(body);
        received.push({ event_type: j.event_type, video_id: j.event_data?.video_id, webhook_id, at: Date.now() });
      } catch {
        received.push({ event_type: 'unparseable', video_id: '', webhook_id, at: Date.now() });
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// A TCP proxy between Orator and a server (Postgres here) that can play a restart: cut() destroys every
// open connection and stops listening, so clients see their sockets reset and new connects refused;
// restore() listens again on the same port. Nothing on the shared server itself is touched.
import net from 'node:net';

export interface TcpFaultProxy {
  port: number;
  /** Connections accepted so far (tests: did the client reconnect?). */
  readonly accepted: number;
  /** Resets every connection and refuses new ones until restore(). */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpFaultProxy(target: { host: string; port: number }): Promise<TcpFaultProxy> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const resetAll = () => {
    // resetAndDestroy sends RST, as a killed server process's kernel would; plain destroy would FIN.
    for (const s of sockets) s.resetAndDestroy();
    sockets.clear();
  };
  return {
    port,
    get accepted() {
      return accepted;
    },
    async cut() {
      const closed = stopListening();
      resetAll();
      await closed;
    },
    async restore() {
      if (!server.listening) await listen(port);
    },
    async close() {
      const closed = stopListening();
      resetAll();
      await closed;
    },
  };
}

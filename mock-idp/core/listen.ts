import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

/** A party's HTTP server, listening. */
export interface ListeningServer {
  /** The address and port it is bound to. */
  address: AddressInfo;
  /** Stops accepting connections, closes idle and open ones, and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Thrown when a party cannot bind its address; says which address and how to fix it. */
export class ListenError extends Error {
  constructor(readonly host: string, readonly port: number, readonly code: string | undefined, options: { cause: unknown }) {
    const fix = code === 'EADDRINUSE'
      ? `port ${port} on ${host} is in use; stop what holds it or choose another base port (--base-port, or mocks.basePort in a config file)`
      : code === 'EADDRNOTAVAIL'
        ? `address ${host} is not available on this machine; use --hosts single-loopback to put every party on 127.0.0.1`
        : `could not listen on ${host}:${port} (${code ?? 'unknown error'})`;
    super(fix, options);
    this.name = 'ListenError';
  }
}

/** A server certificate and its key (PEM), for a party served over HTTPS. */
export interface TlsCredentials {
  key: string;
  cert: string;
}

/** Where a party listens: a loopback address, a port, and HTTPS credentials when it serves HTTPS. */
export interface ListenOn {
  host: string;
  port: number;
  tls?: TlsCredentials;
}

/** Binds a request listener to host:port (loopback by default), over HTTPS when given credentials. */
export function listen(handler: RequestListener, host: string, port: number, tls?: TlsCredentials): Promise<ListeningServer> {
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new ListenError(host, port, err.code, { cause: err })));
    server.listen(port, host, () => {
      resolve({
        address: server.address() as AddressInfo,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

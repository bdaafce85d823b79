/**
 * The HTTP server every fake runs on: a loopback address only (127.0.0.1 unless
 * a test picks another of 127.0.0.0/8; nothing off this machine can reach a
 * fake), on a port the OS picks (test files run in parallel); https with the
 * test certificate when asked.
 */
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * A self-signed certificate for 127.0.0.1, 127.0.0.2 and localhost (fixtures/tls/README.md):
 * a child process trusts it with NODE_EXTRA_CA_CERTS set to this path.
 */
export const TEST_CERT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tls', 'cert.pem')

export interface LoopbackOptions {
  /** A loopback address; 127.0.0.1 by default. */
  host?: string
  /** Serve https with TEST_CERT. */
  tls?: boolean
}

export interface Loopback {
  /** `http://127.0.0.1:<port>` (or its host and scheme), no trailing slash: each fake adds its own base path. */
  readonly origin: string
  readonly port: number
  /** Stops at once; calling it again is harmless (a test may stop a fake before afterEach does). */
  stop(): Promise<void>
}

export async function loopback(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  opts: LoopbackOptions = {}
): Promise<Loopback> {
  const host = opts.host ?? '127.0.0.1'
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => void handle(req, res)
  const server = opts.tls
    ? https.createServer(
        { cert: fs.readFileSync(TEST_CERT), key: fs.readFileSync(path.join(path.dirname(TEST_CERT), 'key.pem')) },
        listener
      )
    : http.createServer(listener)
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    origin: `${opts.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    async stop() {
      // close() alone waits for idle keep-alive sockets, which a killed action leaves open.
      server.closeAllConnections()
      // A second close() calls back with ERR_SERVER_NOT_RUNNING: it is stopped either way.
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

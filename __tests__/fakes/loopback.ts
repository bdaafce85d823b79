/**
 * The HTTP server every fake runs on: 127.0.0.1 only (nothing off this machine
 * can reach a fake), on a port the OS picks (test files run in parallel).
 */
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Loopback {
  /** `http://127.0.0.1:<port>`, no trailing slash: each fake adds its own base path. */
  readonly origin: string
  readonly port: number
  /** Stops at once; calling it again is harmless (a test may stop a fake before afterEach does). */
  stop(): Promise<void>
}

export async function loopback(handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): Promise<Loopback> {
  const server = http.createServer((req, res) => void handle(req, res))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      // close() alone waits for idle keep-alive sockets, which a killed action leaves open.
      server.closeAllConnections()
      // A second close() calls back with ERR_SERVER_NOT_RUNNING: it is stopped either way.
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/**
 * A real HTTP proxy for the proxy test: Debian's tinyproxy, run in the
 * foreground with a config of our own. It listens on 127.0.0.1 and connects
 * out from an address of its own (`Bind`), so a fake tells a call that came
 * through it (from `outgoing`) from a direct one (Linux gives a connection to
 * 127.0.0.2 the source 127.0.0.1).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'

export interface Tinyproxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY and HTTP_PROXY. */
  readonly url: string
  /** The address it connects out from. */
  readonly outgoing: string
  /** The `host:port` of each CONNECT tunnel it opened, from its own log. */
  tunnels(): string[]
  stop(): Promise<void>
}

const INSTALL = 'apt-get install -y --no-install-recommends tinyproxy'
const START_MS = 10_000

/** Throws, saying how to install it, where tinyproxy is not installed. */
export function tinyproxyBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v tinyproxy'], { encoding: 'utf8' })
  const bin = (found.stdout ?? '').trim()
  if (found.status !== 0 || !bin)
    throw new Error(
      `tinyproxy is not installed: the proxy test needs a real proxy. Install it with \`${INSTALL}\` (.ci/run does).`
    )
  return bin
}

/** Starts tinyproxy, allowing CONNECT to `connectPorts` only; resolves once it accepts connections. */
export async function startTinyproxy(opts: { connectPorts: number[]; outgoing?: string }): Promise<Tinyproxy> {
  const bin = tinyproxyBinary()
  const outgoing = opts.outgoing ?? '127.0.0.3'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-tinyproxy-'))
  // The port is picked free just before: a race another test could win, so try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const log = path.join(dir, `tinyproxy-${attempt}.log`)
    const conf = path.join(dir, `tinyproxy-${attempt}.conf`)
    fs.writeFileSync(
      conf,
      [
        `Port ${port}`,
        'Listen 127.0.0.1',
        `Bind ${outgoing}`,
        'Timeout 60',
        `LogFile "${log}"`,
        'LogLevel Info',
        'MaxClients 100',
        'Allow 127.0.0.0/8',
        ...opts.connectPorts.map(p => `ConnectPort ${p}`),
        ''
      ].join('\n')
    )
    // -d: in the foreground, so the test owns the process and stops it.
    const child = spawn(bin, ['-d', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    const started = await accepting(child, log)
    if (started === true) return running(child, port, outgoing, log, dir)
    if (attempt >= 3) {
      fs.rmSync(dir, { recursive: true, force: true })
      throw new Error(`tinyproxy did not start: ${started}\n${output}\n${read(log)}`)
    }
  }
}

function running(child: ChildProcess, port: number, outgoing: string, log: string, dir: string): Tinyproxy {
  return {
    url: `http://127.0.0.1:${port}`,
    outgoing,
    tunnels: () => [...read(log).matchAll(/Request \(file descriptor \d+\): CONNECT (\S+) HTTP/g)].map(m => m[1]!),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** true once its log says it accepts connections; why not, when it exits or takes too long. */
function accepting(child: ChildProcess, log: string): Promise<true | string> {
  return new Promise(resolve => {
    // Its log is written as it goes: watch the folder for it, no polling.
    const watcher = fs.watch(path.dirname(log))
    const done = (result: true | string) => {
      watcher.close()
      clearTimeout(timer)
      child.off('exit', exited)
      if (result !== true) child.kill('SIGKILL')
      resolve(result)
    }
    const check = () => /Accepting connections/.test(read(log)) && done(true)
    const exited = (code: number | null) => done(`it exited (${code})`)
    const timer = setTimeout(() => done(`no "Accepting connections" in its log after ${START_MS / 1000} s`), START_MS)
    watcher.on('change', check)
    child.once('exit', exited)
    check()
  })
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

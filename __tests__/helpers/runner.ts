/**
 * Runs the bundled action (dist/index.js) as a child process the way the runner
 * does: inputs as INPUT_* variables, outputs and summary through files.
 */
import { ChildProcess, spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Files } from './files'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DIST = path.join(ROOT, 'dist', 'index.js')

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  file?: string
  line?: number
  title?: string
  message: string
}

export interface RunResult {
  code: number | null
  /** The signal that ended it, when it was killed. */
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
}

/** A workspace and runner temp folder that live for one test. */
export class Workspace extends Files {
  readonly root: string
  readonly dir: string
  readonly temp: string
  private runs = 0
  private child: ChildProcess | undefined

  constructor() {
    super()
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-'))
    this.dir = path.join(this.root, 'repo')
    this.temp = path.join(this.root, 'runner-temp')
    fs.mkdirSync(this.dir, { recursive: true })
    fs.mkdirSync(this.temp, { recursive: true })
  }

  /** Kills the running action at once, as a crashed runner would (kill -9). */
  kill(): void {
    this.child?.kill('SIGKILL')
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true })
  }

  /** Runs the action once (or `script`, the same way); `event` is GITHUB_EVENT_NAME. */
  async run(opts: {
    inputs?: Record<string, string>
    env?: Record<string, string>
    event?: string
    script?: string
  }): Promise<RunResult> {
    const n = ++this.runs
    const outputFile = path.join(this.root, `output-${n}`)
    const summaryFile = path.join(this.root, `summary-${n}`)
    fs.writeFileSync(outputFile, '')
    fs.writeFileSync(summaryFile, '')
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? this.root,
      GITHUB_WORKSPACE: this.dir,
      RUNNER_TEMP: this.temp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_EVENT_NAME: opts.event ?? 'workflow_dispatch',
      GITHUB_REPOSITORY: 'octo/batches',
      GITHUB_RUN_ID: String(1000 + n),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SERVER_URL: 'https://github.com',
      ...opts.env
    }
    for (const [k, v] of Object.entries(opts.inputs ?? {})) env[`INPUT_${k.toUpperCase()}`] = v
    const child = spawn(process.execPath, [opts.script ?? DIST], {
      cwd: this.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    this.child = child
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
      child.on('close', (c, s) => resolve([c, s]))
    )
    return {
      code,
      signal,
      stdout,
      stderr,
      outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')),
      summary: fs.readFileSync(summaryFile, 'utf8'),
      annotations: parseAnnotations(stdout)
    }
  }
}

/** Reads GITHUB_OUTPUT's `name<<delimiter ... delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!)
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!)
    out[m[1]!] = value.join('\n')
  }
  return out
}

const unescape = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')

/** Reads `::error file=...,line=...::message` workflow commands from stdout; their titles with `titles`. */
export function parseAnnotations(stdout: string, opts: { titles?: boolean } = {}): Annotation[] {
  const out: Annotation[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!m) continue
    const props = Object.fromEntries(
      (m[2] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map(p => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))])
    )
    out.push({
      level: m[1] as Annotation['level'],
      file: props.file,
      line: props.line ? Number(props.line) : undefined,
      ...(opts.titles && props.title ? { title: props.title } : {}),
      message: unescape(m[3]!)
    })
  }
  return out
}

/** A request line for a chat completion. */
export function request(id: string, model = 'gpt-4o-mini', url = '/v1/chat/completions'): string {
  return JSON.stringify({
    custom_id: id,
    method: 'POST',
    url,
    body: { model, messages: [{ role: 'user', content: `say ${id}` }] }
  })
}

/** A request file with `n` requests, ids `<prefix>-1 ...`. */
export function requestFile(n: number, prefix = 'r'): string {
  return Array.from({ length: n }, (_, i) => request(`${prefix}-${i + 1}`)).join('\n') + '\n'
}

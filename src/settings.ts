import * as path from 'node:path'
import { z } from 'zod'
import { BatchEndpoints, Inputs, MetadataKeys, MetadataLimits } from './constants'

export type Mode = 'submit' | 'collect' | 'sync'

/** Everything the action was asked to do, read once from inputs and environment. */
export interface Settings {
  /** The OpenAI API key; '' only in a dry run, which then plans offline. */
  readonly apiKey: string
  /** OpenAI-compatible base URL; undefined means the SDK default. */
  readonly baseUrl: string | undefined
  /** The mode this run carries out (`auto` already resolved from the event). */
  readonly mode: Mode
  /** The workspace all paths are relative to. */
  readonly workspace: string
  /** Request files, workspace-relative, POSIX separators. */
  readonly sourceDir: string
  /** Results, workspace-relative, POSIX separators. */
  readonly targetDir: string
  /** The Batch endpoint every request must use; undefined to infer it from the requests. */
  readonly endpoint: string | undefined
  readonly completionWindow: string
  /** The user's own batch metadata. */
  readonly metadata: Readonly<Record<string, string>>
  /** Prefix of the state's cache key. */
  readonly cacheKey: string
  readonly cancelSuperseded: boolean
  readonly maxConcurrency: number
  readonly dryRun: boolean
  /** Identifies this repository + source folder in batch metadata, so several can share a project. */
  readonly scope: string
  /** Where the state file lives: the same literal path on every run (the cache version hashes it). */
  readonly stateDir: string
  /** Scratch space for downloads, outside the workspace so no partial file is ever visible there. */
  readonly tempDir: string
  readonly run: RunContext
}

export interface RunContext {
  readonly eventName: string
  readonly repository: string
  readonly runId: string
  readonly runAttempt: string
  readonly runUrl: string
}

type Env = Readonly<Record<string, string | undefined>>

const boolean = (name: string) =>
  z
    .string()
    .transform(s => s.trim())
    .refine(s => /^(true|false)$/i.test(s), {
      message: `Input '${name}' must be true or false.`
    })
    .transform(s => s.toLowerCase() === 'true')

const rawSchema = z.object({
  mode: z.enum(['auto', 'submit', 'collect', 'sync'], {
    error: i => `Input 'mode' must be one of auto, submit, collect, sync; got '${String(i.input)}'.`
  }),
  maxConcurrency: z
    .string()
    .regex(/^\s*\d+\s*$/, `Input '${Inputs.MaxConcurrency}' must be a whole number from 1 to 32.`)
    .transform(Number)
    .refine(n => n >= 1 && n <= 32, `Input '${Inputs.MaxConcurrency}' must be a whole number from 1 to 32.`),
  endpoint: z
    .string()
    .refine(
      s => s === '' || (BatchEndpoints as readonly string[]).includes(s),
      `Input '${Inputs.Endpoint}' must be empty or one of ${BatchEndpoints.join(', ')}.`
    ),
  completionWindow: z
    .string()
    .regex(/^\d+h$/, `Input '${Inputs.CompletionWindow}' must look like 24h.`),
  cacheKey: z
    .string()
    .min(1, `Input '${Inputs.CacheKey}' must not be empty.`)
    .max(200, `Input '${Inputs.CacheKey}' must be at most 200 characters.`)
    .regex(/^[^,]*$/, `Input '${Inputs.CacheKey}' must not contain commas.`),
  cancelSuperseded: boolean(Inputs.CancelSuperseded),
  dryRun: boolean(Inputs.DryRun),
  baseUrl: z
    .string()
    .refine(
      s => s === '' || URL.canParse(s),
      `Input '${Inputs.BaseUrl}' must be a URL such as https://api.openai.com/v1.`
    )
})

/** Parses `key=value` lines into the user's metadata, within what OpenAI accepts. */
export function parseMetadata(text: string): Record<string, string> {
  const own = new Set<string>(Object.values(MetadataKeys))
  const metadata: Record<string, string> = {}
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    const where = `Input '${Inputs.Metadata}' line ${i + 1}`
    if (eq <= 0) throw new Error(`${where}: write one key=value a line; got '${line}'.`)
    const key = line.slice(0, eq).trim()
    const value = line.slice(eq + 1).trim()
    if (own.has(key)) throw new Error(`${where}: '${key}' is the action's own key; choose another name.`)
    if (key.length > MetadataLimits.keyLength)
      throw new Error(`${where}: key '${key}' is over OpenAI's ${MetadataLimits.keyLength} characters.`)
    if (value.length > MetadataLimits.valueLength)
      throw new Error(`${where}: the value of '${key}' is over OpenAI's ${MetadataLimits.valueLength} characters.`)
    if (key in metadata) throw new Error(`${where}: '${key}' is given twice.`)
    metadata[key] = value
  }
  const room = MetadataLimits.keys - Object.keys(MetadataKeys).length
  if (Object.keys(metadata).length > room)
    throw new Error(
      `Input '${Inputs.Metadata}' has ${Object.keys(metadata).length} keys; OpenAI allows ${MetadataLimits.keys} and the action uses ${Object.keys(MetadataKeys).length}, so at most ${room}.`
    )
  return metadata
}

/** Resolves `mode: auto` from the event that started the run. */
export function resolveMode(mode: Mode | 'auto', eventName: string): Mode {
  if (mode !== 'auto') return mode
  if (eventName === 'push') return 'submit'
  if (eventName === 'schedule' || eventName === 'repository_dispatch') return 'collect'
  return 'sync'
}

/** A workspace-relative POSIX path for a folder input, refusing anything outside the workspace. */
function folder(workspace: string, name: string, value: string): string {
  const abs = path.resolve(workspace, value)
  const rel = path.relative(workspace, abs)
  if (value.trim() === '' || rel === '' || rel.startsWith('..') || path.isAbsolute(rel))
    throw new Error(`Input '${name}' must be a folder inside the workspace; got '${value}'.`)
  return rel.split(path.sep).join('/')
}

function inside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}/`)
}

export function readSettings(getInput: (name: string) => string, env: Env): Settings {
  const parsed = rawSchema.safeParse({
    mode: getInput(Inputs.Mode) || 'auto',
    maxConcurrency: getInput(Inputs.MaxConcurrency) || '4',
    endpoint: getInput(Inputs.Endpoint),
    completionWindow: getInput(Inputs.CompletionWindow) || '24h',
    cacheKey: getInput(Inputs.CacheKey) || 'openai-batch-state',
    cancelSuperseded: getInput(Inputs.CancelSuperseded) || 'true',
    dryRun: getInput(Inputs.DryRun) || 'false',
    baseUrl: getInput(Inputs.BaseUrl) || env.OPENAI_BASE_URL || ''
  })
  if (!parsed.success) throw new Error(parsed.error.issues.map(i => i.message).join('\n'))
  const raw = parsed.data

  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const sourceDir = folder(workspace, Inputs.SourceDir, getInput(Inputs.SourceDir) || 'batches')
  const targetDir = folder(workspace, Inputs.TargetDir, getInput(Inputs.TargetDir) || 'results')
  if (inside(sourceDir, targetDir) || inside(targetDir, sourceDir))
    throw new Error(
      `Inputs '${Inputs.SourceDir}' (${sourceDir}) and '${Inputs.TargetDir}' (${targetDir}) must not overlap: results would be read back as requests.`
    )

  const apiKey = getInput(Inputs.ApiKey) || env.OPENAI_API_KEY || ''
  if (apiKey === '' && !raw.dryRun)
    throw new Error(
      `No OpenAI API key. Set the '${Inputs.ApiKey}' input, e.g. \`${Inputs.ApiKey}: \${{ secrets.OPENAI_API_KEY }}\`, or the OPENAI_API_KEY environment variable.`
    )

  const eventName = env.GITHUB_EVENT_NAME || 'workflow_dispatch'
  const repository = env.GITHUB_REPOSITORY || path.basename(workspace)
  const runId = env.GITHUB_RUN_ID || '0'
  const tempRoot = path.resolve(env.RUNNER_TEMP || path.join(workspace, '..', '.openai-batch-temp'))
  return {
    apiKey,
    baseUrl: raw.baseUrl || undefined,
    mode: resolveMode(raw.mode, eventName),
    workspace,
    sourceDir,
    targetDir,
    endpoint: raw.endpoint || undefined,
    completionWindow: raw.completionWindow,
    metadata: parseMetadata(getInput(Inputs.Metadata)),
    cacheKey: raw.cacheKey,
    cancelSuperseded: raw.cancelSuperseded,
    maxConcurrency: raw.maxConcurrency,
    dryRun: raw.dryRun,
    scope: `${repository}:${sourceDir}`.slice(-MetadataLimits.valueLength),
    stateDir: path.join(tempRoot, 'openai-batch-action', 'state'),
    tempDir: path.join(tempRoot, 'openai-batch-action', 'tmp'),
    run: {
      eventName,
      repository,
      runId,
      runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
      runUrl: `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${runId}`
    }
  }
}

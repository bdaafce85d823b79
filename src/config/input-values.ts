import * as path from 'node:path'
import { MetadataLimits } from '../core/limits'
import { MetadataKeys } from '../core/remote/records'
import { InputDefaults, Inputs } from './constants'

/** The values of inputs that take more than a schema's check: metadata lines and folders. */

/** Parses `key=value` lines into the user's metadata, within what OpenAI accepts. */
export function parseMetadata(text: string, opts: { retries: boolean } = { retries: true }): Record<string, string> {
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
  // oba_round is set on retry batches only: without retries the user has one key more.
  const used = Object.keys(MetadataKeys).length - (opts.retries ? 0 : 1)
  const room = MetadataLimits.keys - used
  if (Object.keys(metadata).length > room)
    throw new Error(
      `Input '${Inputs.Metadata}' has ${Object.keys(metadata).length} keys; OpenAI allows ${MetadataLimits.keys} ` +
        `and the action uses ${used}${opts.retries ? ' with retry-failed' : ''}, so at most ${room}.`
    )
  return metadata
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

/** The source and target folders, workspace-relative, refusing overlap. */
export function folders(
  workspace: string,
  input: (name: keyof typeof InputDefaults) => string
): { sourceDir: string; targetDir: string } {
  const sourceDir = folder(workspace, Inputs.SourceDir, input(Inputs.SourceDir))
  const targetDir = folder(workspace, Inputs.TargetDir, input(Inputs.TargetDir))
  if (inside(sourceDir, targetDir) || inside(targetDir, sourceDir))
    throw new Error(
      `Inputs '${Inputs.SourceDir}' (${sourceDir}) and '${Inputs.TargetDir}' (${targetDir}) must not overlap: ` +
        'results would be read back as requests.'
    )
  return { sourceDir, targetDir }
}

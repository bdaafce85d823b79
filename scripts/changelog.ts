/**
 * `tsx scripts/changelog.ts X.Y.Z`: the section of CHANGELOG.md for that
 * version, for the release notes. Fails when there is none.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The body of the `## [version]` section, without its heading. */
export function section(changelog: string, version: string): string | undefined {
  const lines = changelog.split('\n')
  const start = lines.findIndex(l => l.startsWith(`## [${version}]`))
  if (start === -1) return undefined
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## ['))
  return lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join('\n')
    .trim()
}

const self = fileURLToPath(import.meta.url)
if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const version = process.argv[2] ?? ''
  const text = section(fs.readFileSync(path.join(path.dirname(self), '..', 'CHANGELOG.md'), 'utf8'), version)
  if (!text) {
    console.error(`CHANGELOG.md has no section for ${version}.`)
    process.exit(1)
  }
  console.log(text)
}

/**
 * Every relative link in the repository's Markdown resolves: the file it names
 * exists, and the heading its #anchor names is in that file, slugged the way
 * GitHub slugs headings.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { ROOT } from '../helpers/runner'

const SKIP = /(^|\/)(node_modules|dist|\.git)(\/|$)/

/** The Markdown files git tracks (and new ones it does not ignore); a walk of the tree where there is no git. */
function markdownFiles(): string[] {
  let files: string[]
  try {
    files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.md'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
      .split('\n')
      .filter(Boolean)
  } catch {
    files = (fs.readdirSync(ROOT, { recursive: true }) as string[])
      .map(f => f.split(path.sep).join('/'))
      .filter(f => f.endsWith('.md'))
  }
  return [...new Set(files)].filter(f => !SKIP.test(f) && fs.existsSync(path.join(ROOT, f))).sort()
}

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(markdown: string): string {
  const lines: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = undefined
      lines.push('')
    } else if (m) {
      fence = m[1]
      lines.push('')
    } else lines.push(line.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, ''))
  }
  return lines.join('\n')
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped (not hyphens or underscores), spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** The anchors of a Markdown file's headings: the second heading of one slug gets -1, the third -2, ... */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined
      continue
    }
    if (f) {
      fence = f[1]
      continue
    }
    const h = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)
    if (!h) continue
    const base = slug(h[1]!)
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n === 0 ? base : `${base}-${n}`)
  }
  // Explicit anchors: <a name="x"> or <a id="x">.
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]!)
  return out
}

/** The link targets in a file's prose: inline links and images, and reference definitions. */
function targets(markdown: string): string[] {
  const text = prose(markdown)
  const inline = [
    ...text.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)
  ]
  const refs = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)]
  return [...inline, ...refs].map(m => m[1]!.replace(/^<|>$/g, ''))
}

const isRelative = (href: string) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')

/** The broken relative links of one file, as `file: link`. */
function broken(file: string, cache: Map<string, Set<string>>): string[] {
  const markdown = fs.readFileSync(path.join(ROOT, file), 'utf8')
  const out: string[] = []
  for (const href of targets(markdown).filter(isRelative)) {
    const hash = href.indexOf('#')
    const target = decodeURI(hash === -1 ? href : href.slice(0, hash))
    const anchor = hash === -1 ? undefined : decodeURIComponent(href.slice(hash + 1))
    const resolved = target === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), target)
    if (!resolved.startsWith(ROOT) || !fs.existsSync(resolved)) {
      out.push(`${file}: ${href} (no such file)`)
      continue
    }
    if (anchor === undefined || !/\.md$/i.test(resolved) || !fs.statSync(resolved).isFile()) continue
    let known = cache.get(resolved)
    if (!known) cache.set(resolved, (known = anchors(fs.readFileSync(resolved, 'utf8'))))
    if (!known.has(anchor)) out.push(`${file}: ${href} (no heading #${anchor})`)
  }
  return out
}

describe('the Markdown files', () => {
  const files = markdownFiles()

  it('are found', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'docs/RELIABILITY.md']))
  })

  it('link only to files that exist, and to headings those files have', () => {
    const cache = new Map<string, Set<string>>()
    const problems = files.flatMap(f => broken(f, cache))
    if (problems.length > 0) throw new Error(`${problems.length} broken links:\n${problems.join('\n')}`)
  })
})

describe('slug', () => {
  it('slugs headings the way GitHub does', () => {
    expect(slug('A budget')).toBe('a-budget')
    expect(slug("Parts: beyond the API's limits")).toBe('parts-beyond-the-apis-limits')
    expect(slug('Faults: `__tests__/e2e/chaos.test.ts`')).toBe('faults-__tests__e2echaostestts')
    expect(slug('Chaining a workflow (repository_dispatch)')).toBe('chaining-a-workflow-repository_dispatch')
    expect(slug('[0.1.0] - 2026-12-01')).toBe('010---2026-12-01')
    expect(slug('See [the docs](docs/x.md)')).toBe('see-the-docs')
  })

  it('numbers repeated headings', () => {
    expect([...anchors('# A\n## B\n## B\n```\n# B\n```\n## B')]).toEqual(['a', 'b', 'b-1', 'b-2'])
  })
})

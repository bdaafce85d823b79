import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { section } from '../../scripts/changelog'
import { ROOT } from '../helpers/runner'

const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')
const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version

describe('releases', () => {
  it("has a changelog section for package.json's version, with something in it", () => {
    expect(section(changelog, version)).toMatch(/^### (Added|Changed|Fixed|Removed|Security|Deprecated)/)
  })

  it('keeps an Unreleased section at the top, as Keep a Changelog does', () => {
    expect(changelog.indexOf('## [Unreleased]')).toBeLessThan(changelog.indexOf(`## [${version}]`))
  })

  it('cuts a section at the next one, and says nothing of a version it lacks', () => {
    expect(section('## [2.0.0]\n\n- b\n\n## [1.0.0]\n\n- a\n', '2.0.0')).toBe('- b')
    expect(section('## [1.0.0]\n\n- a\n', '9.9.9')).toBeUndefined()
  })
})

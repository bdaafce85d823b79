import * as fs from 'node:fs'
import * as path from 'node:path'

/** Reading and writing files of a test's workspace, by workspace-relative path. */
export abstract class Files {
  /** GITHUB_WORKSPACE. */
  abstract get dir(): string

  /** Writes a workspace-relative file; returns its absolute path. */
  write(rel: string, content: string | Buffer): string {
    const abs = path.join(this.dir, rel)
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    fs.writeFileSync(abs, content)
    return abs
  }

  /** Deletes a workspace-relative file. */
  remove(rel: string): void {
    fs.rmSync(path.join(this.dir, rel))
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.dir, rel), 'utf8')
  }

  exists(rel: string): boolean {
    return fs.existsSync(path.join(this.dir, rel))
  }

  /** Lines of a workspace-relative file. */
  lines(rel: string): string[] {
    return this.read(rel).split('\n').filter(Boolean)
  }

  /** Every file below `rel`, workspace-relative, sorted. */
  list(rel = '.'): string[] {
    const base = path.join(this.dir, rel)
    if (!fs.existsSync(base)) return []
    return (fs.readdirSync(base, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter(d => d.isFile())
      .map(d => path.relative(this.dir, path.join(d.parentPath, d.name)))
      .sort()
  }
}

import * as fs from 'node:fs/promises'

/** Whether a path exists (a file or a folder); any error reading it counts as no. */
export const exists = (abs: string): Promise<boolean> =>
  fs.stat(abs).then(
    () => true,
    () => false
  )

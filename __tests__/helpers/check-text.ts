import { CheckOptions, RequestChecker, RequestFacts } from '../../src/core/requests/validate'

/** Checks `text` as a file, split the way the scanner splits it. */
export function checkText(text: string | Buffer, opts: CheckOptions = {}): RequestFacts {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text)
  const c = new RequestChecker(opts)
  const lines: Buffer[] = []
  let start = 0
  for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
    lines.push(buf.subarray(start, nl))
    start = nl + 1
  }
  if (start < buf.length) lines.push(buf.subarray(start))
  lines.forEach((l, i) => c.line(l, i + 1))
  if (c.end(buf.length)) lines.forEach((l, i) => c.again(l, i + 1))
  return c.facts()
}

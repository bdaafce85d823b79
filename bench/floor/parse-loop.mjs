// The memory floor of the million-request rows (npm run bench): a bare loop that
// reads the request file through one reused 1 MB buffer and JSON.parses each
// line, keeping nothing: the least a check of every line with JSON.parse
// costs. Given several files (the CSV row: requests, results and errors), it
// reads them one after the other. Its peak RSS (written by rss-hook.mjs) over a
// big file against a small one is the JS heap's own headroom for parsing that
// many lines: V8 internalizes short string values (ids of up to 10 characters),
// which then wait in old space for a full collection.
import { closeSync, openSync, readSync } from 'node:fs'

const buf = Buffer.allocUnsafeSlow(1 << 20)
let n = 0
for (const file of process.argv.slice(2)) {
  const fd = openSync(file, 'r')
  let [have, pos] = [0, 0]
  for (;;) {
    const got = readSync(fd, buf, have, buf.length - have, pos)
    pos += got
    const end = have + got
    let start = 0
    for (let nl = buf.indexOf(10, start); nl !== -1 && nl < end; nl = buf.indexOf(10, start)) {
      if (nl > start && JSON.parse(buf.toString('utf8', start, nl))) n++
      start = nl + 1
    }
    if (got === 0) {
      if (start < end && JSON.parse(buf.toString('utf8', start, end))) n++
      break
    }
    buf.copy(buf, 0, start, end)
    have = end - start
  }
  closeSync(fd)
}
console.log(n)

// The memory floor of the million-request rows (npm run bench): a bare loop that
// reads the request file in 1 MB chunks and JSON.parses each line, keeping
// nothing. Its peak RSS (written by rss-hook.mjs) over a big file against a
// small one is the JS heap's own headroom for parsing that many lines.
import { createReadStream } from 'node:fs'

let n = 0
let carry = ''
for await (const c of createReadStream(process.argv[2], { highWaterMark: 1 << 20, encoding: 'utf8' })) {
  const lines = (carry + c).split('\n')
  carry = lines.pop()
  for (const l of lines) if (l) n += JSON.parse(l) ? 1 : 0
}
console.log(n)

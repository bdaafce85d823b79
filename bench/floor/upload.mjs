// The time floor of the million-request submit's upload (npm run bench): the
// same byte ranges of the request file posted to the same fake as multipart
// bodies, four at a time, streamed from disk with undici (as the action's
// upload is), and nothing else: no reading of lines, no checks, no batches.
// Prints the wall time in ms, from the first request to the last answer.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { request } from 'undici'

const [url, key, file, ...ranges] = process.argv.slice(2)
const parts = ranges.map(r => r.split(':').map(Number))
const boundary = 'floorboundary'
async function post([start, end]) {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="part.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n`
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  async function* body() {
    yield head
    yield* createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 })
    yield tail
  }
  const res = await request(`${url}/files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + end - start + tail.length)
    },
    body: Readable.from(body())
  })
  const text = await res.body.text()
  if (res.statusCode !== 200) throw new Error(`upload failed: ${res.statusCode} ${text}`)
}
const t = performance.now()
const queue = [...parts]
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) await post(p)
  })
)
console.log(Math.round(performance.now() - t))

// @ts-check
// The relay as a plain Node server (node:http, Node 18 or later): `node node.js`, settings from
// the environment, PORT 8787 when unset. It runs worker.js's fetch(), so keep both files together.
import * as http from 'node:http'
import { pathToFileURL } from 'node:url'
import worker from './worker.js'

// OpenAI's events are a few hundred bytes; anything much larger is not one.
const MAX_BODY = 64 * 1024

/**
 * A node:http request listener that hands each request to the Worker's fetch().
 * @param {import('./worker.js').Env} [env]
 * @returns {http.RequestListener}
 */
export function relayHandler(env = process.env) {
  return async (req, res) => {
    try {
      const chunks = []
      let size = 0
      for await (const chunk of req) {
        size += chunk.length
        if (size > MAX_BODY) return void res.writeHead(413).end()
        chunks.push(chunk)
      }
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, String(value))
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      const request = new Request(new URL(req.url ?? '/', 'http://relay'), {
        method: req.method,
        headers,
        body: hasBody ? Buffer.concat(chunks) : undefined
      })
      const response = await worker.fetch(request, env)
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text())
    } catch (e) {
      res.writeHead(500).end(e instanceof Error ? e.message : String(e))
    }
  }
}

// Run as a program (not imported): listen.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT || 8787)
  http.createServer(relayHandler()).listen(port, () => console.log(`OpenAI webhook relay listening on port ${port}`))
}

// Loaded into the action's process by the benchmark (NODE_OPTIONS=--import):
// writes the process's peak resident set size, in KB, when it exits.
// VmHWM, not resourceUsage().maxRSS: on Linux maxRSS carries over the parent's
// peak through fork and exec, so a child of a big benchmark process looks big.
// With BENCH_HEAP_FILE set it also samples where the memory is (the JS heap,
// ArrayBuffers, other external memory) every 20 ms and writes each one's peak,
// in MB, as JSON: what a row's growth is made of.
import { readFileSync, writeFileSync } from 'node:fs'

const file = process.env.BENCH_RSS_FILE
const heapFile = process.env.BENCH_HEAP_FILE
function peakKb() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS
}
const peak = { heapTotal: 0, heapUsed: 0, arrayBuffers: 0, external: 0 }
if (heapFile) {
  const sample = () => {
    const m = process.memoryUsage()
    for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k] / 1024 / 1024)
  }
  setInterval(sample, 20).unref()
  process.on('exit', () => (sample(), writeFileSync(heapFile, JSON.stringify(peak))))
}
if (file) process.on('exit', () => writeFileSync(file, String(peakKb())))

// Loaded into the action's process by the benchmark (NODE_OPTIONS=--import):
// writes the process's peak resident set size, in KB, when it exits.
// VmHWM, not resourceUsage().maxRSS: on Linux maxRSS carries over the parent's
// peak through fork and exec, so a child of a big benchmark process looks big.
import { readFileSync, writeFileSync } from 'node:fs'

const file = process.env.BENCH_RSS_FILE
function peakKb() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS
}
if (file) process.on('exit', () => writeFileSync(file, String(peakKb())))

// The CSV writer of readable-results: csv alone (npm run bench, the csvMemory
// row), bundled by ncc as the action is and run in a child with rss-hook.mjs:
// argv is the request file, the results file, the errors file, the CSV and a
// temp folder. Apart from the action's run, so the collect's download and
// reorder (the million rows) are not in its figure.
import { writeReadable } from '../../src/io/readable-csv'

const [requests, results, errors, dest, tempDir] = process.argv.slice(2) as [string, string, string, string, string]
await writeReadable({ requests, results: [results, errors], dest, tempDir })

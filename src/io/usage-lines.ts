import { addUsage, bodyUsage, NO_USAGE, TokenUsage } from '../core/cost/usage'
import { eachLine } from './chunks'
import { parseLine } from './line-ids'
import { responseBody, responseModel, responseUsage } from '../core/requests/result-line'

/**
 * Sums the usage in a result file's lines, streaming (for batches that report
 * none: older ones, compatible providers). Also says the model the lines name.
 */
export async function tallyUsage(file: string): Promise<{ usage: TokenUsage; model: string | undefined }> {
  let usage = NO_USAGE
  let model: string | undefined
  await eachLine(file, line => {
    const body = responseBody(parseLine(line))
    const u = bodyUsage(responseUsage(body))
    if (u) usage = addUsage(usage, u)
    model ??= responseModel(body)
  })
  return { usage, model }
}

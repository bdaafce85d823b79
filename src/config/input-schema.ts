import { z } from 'zod'
import { BatchLimits } from '../core/limits'
import { providerFacts } from '../core/providers'
import { Inputs } from './constants'

/** The inputs' schema: its messages say how to fix an input. */

/** Retry rounds: each costs a batch and up to a completion window of waiting. */
const MAX_RETRY_ROUNDS = 10

const boolean = (name: string) =>
  z
    .string()
    .transform(s => s.trim())
    .refine(s => /^(true|false)$/i.test(s), {
      message: `Input '${name}' must be true or false.`
    })
    .transform(s => s.toLowerCase() === 'true')

const wholeNumber = (name: string, min: number, max: number, unit = '') => {
  const message = `Input '${name}' must be a whole number ${unit}from ${min} to ${max}.`
  return z
    .string()
    .regex(/^\s*\d+\s*$/, message)
    .transform(Number)
    .refine(n => n >= min && n <= max, message)
}

/** A comma or newline separated list, as create-pull-request reads its lists. */
const list = z.string().transform(s =>
  s
    .split(/[\n,]/)
    .map(x => x.trim())
    .filter(Boolean)
)

export const rawSchema = z.object({
  mode: z.enum(['auto', 'submit', 'collect', 'sync', 'plan'], {
    error: i => `Input 'mode' must be one of auto, submit, collect, sync, plan; got '${String(i.input)}'.`
  }),
  maxConcurrency: wholeNumber(Inputs.MaxConcurrency, 1, 32),
  // Up to the largest provider's (Anthropic's); each provider's own is checked once it is known (settings.ts).
  maxBatchBytes: wholeNumber(
    Inputs.MaxBatchBytes,
    1000,
    Math.max(BatchLimits.maxBytes, providerFacts('anthropic', undefined).maxBytes),
    'of bytes '
  ),
  retryFailed: wholeNumber(Inputs.RetryFailed, 0, MAX_RETRY_ROUNDS, 'of rounds '),
  // Checked against the provider's url forms once it is known (settings.ts).
  endpoint: z
    .string()
    .regex(
      /^(\/[a-z0-9/_-]+)?$/,
      `Input '${Inputs.Endpoint}' must be empty or a url path such as /v1/chat/completions.`
    ),
  completionWindow: z.string().regex(/^\d+[hd]$/, `Input '${Inputs.CompletionWindow}' must look like 24h or 7d.`),
  provider: z.enum(['', 'openai', 'azure', 'compatible', 'anthropic', 'gemini'], {
    error: i =>
      `Input '${Inputs.Provider}' must be empty, openai, azure, compatible, anthropic or gemini; got '${String(i.input)}'.`
  }),
  // Required for Gemini, checked against the lines for the others: settings.ts, once the provider is known.
  model: z
    .string()
    .transform(s => s.trim())
    .refine(
      s => s === '' || /^\S+$/.test(s),
      `Input '${Inputs.Model}' must be empty or a model name such as gemini-2.5-flash.`
    ),
  azureCredential: z.enum(['', 'azure-cli'], {
    error: i =>
      `Input '${Inputs.AzureCredential}' must be empty (${Inputs.ApiKey} or ${Inputs.AzureAdToken}) ` +
      `or azure-cli (the session azure/login leaves); got '${String(i.input)}'.`
  }),
  azureApiVersion: z
    .string()
    .regex(
      /^([0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?)?$/,
      `Input '${Inputs.AzureApiVersion}' must be empty (the v1 API) or an api-version such as 2024-10-21.`
    ),
  maxRequestsPerBatch: z
    .string()
    .regex(/^\s*(\d+)?\s*$/, `Input '${Inputs.MaxRequestsPerBatch}' must be empty or a whole number from 1 to 1000000.`)
    .transform(s => (s.trim() === '' ? undefined : Number(s)))
    .refine(
      n => n === undefined || (n >= 1 && n <= 1_000_000),
      `Input '${Inputs.MaxRequestsPerBatch}' must be empty or a whole number from 1 to 1000000.`
    ),
  cacheKey: z
    .string()
    .min(1, `Input '${Inputs.CacheKey}' must not be empty.`)
    .max(200, `Input '${Inputs.CacheKey}' must be at most 200 characters.`)
    .regex(/^[^,]*$/, `Input '${Inputs.CacheKey}' must not contain commas.`),
  cancelSuperseded: boolean(Inputs.CancelSuperseded),
  dryRun: boolean(Inputs.DryRun),
  resultsOrder: z.enum(['input', 'as-returned'], {
    error: i => `Input '${Inputs.ResultsOrder}' must be input or as-returned; got '${String(i.input)}'.`
  }),
  rerunKey: z
    .string()
    .max(200, `Input '${Inputs.RerunKey}' must be at most 200 characters (a date, a model name, a run's label).`),
  readableResults: z.enum(['none', 'csv'], {
    error: i => `Input '${Inputs.ReadableResults}' must be none or csv; got '${String(i.input)}'.`
  }),
  results: z.enum(['commit', 'pull-request', 'artifact', 'both', 'none'], {
    error: i =>
      `Input '${Inputs.Results}' must be one of commit, pull-request, artifact, both, none; got '${String(i.input)}'.`
  }),
  resultsBranch: z
    .string()
    .refine(
      s => s === '' || /^(?!\/|.*\/\/|.*\.\.|.*\.lock$|.*\/$)[A-Za-z0-9._\/-]+$/.test(s),
      `Input '${Inputs.ResultsBranch}' must be empty or a branch name such as openai-batch-results/main.`
    ),
  draft: boolean(Inputs.Draft),
  keepOrphanResults: boolean(Inputs.KeepOrphanResults),
  keepSuperseded: boolean(Inputs.KeepSuperseded),
  deleteRemoteFiles: boolean(Inputs.DeleteRemoteFiles),
  remoteFilesExpireAfter: z
    .string()
    .regex(
      /^\s*(\d+[hd]|none)\s*$/,
      `Input '${Inputs.RemoteFilesExpireAfter}' must be a duration such as 720h or 30d, or none.`
    )
    .transform(s =>
      s.trim() === 'none' ? undefined : Number(s.trim().slice(0, -1)) * (s.trim().endsWith('d') ? 86_400 : 3_600)
    )
    .refine(
      n => n === undefined || (n >= 3_600 && n <= 2_592_000),
      `Input '${Inputs.RemoteFilesExpireAfter}' must be from 1h to 30d, the range OpenAI accepts.`
    ),
  labels: list,
  assignees: list,
  reviewers: list,
  teamReviewers: list,
  artifactRetentionDays: z
    .string()
    .regex(
      /^\s*(\d+)?\s*$/,
      `Input '${Inputs.ArtifactRetentionDays}' must be empty or a whole number of days from 1 to 90.`
    )
    .transform(s => (s.trim() === '' ? undefined : Number(s)))
    .refine(
      n => n === undefined || (n >= 1 && n <= 90),
      `Input '${Inputs.ArtifactRetentionDays}' must be empty or a whole number of days from 1 to 90.`
    ),
  artifactName: z
    .string()
    .regex(
      /^[^"<>|*?:\\/\r\n]+$/,
      `Input '${Inputs.ArtifactName}' must not be empty nor contain " : < > | * ? \\ / or line breaks.`
    ),
  webhookUrl: z.string().refine(s => s === '' || isAllowedWebhook(s), {
    message: `Input '${Inputs.WebhookUrl}' must be an https:// URL (http:// only for localhost).`
  }),
  dispatchEvent: z.string().max(100, `Input '${Inputs.DispatchEvent}' must be at most 100 characters.`),
  batchIds: z
    .string()
    .transform(s => s.split(/[\s,]+/).filter(Boolean))
    .refine(
      // Gemini names a batch `batches/<id>`.
      ids => ids.every(id => /^(batches\/)?[A-Za-z0-9_-]+$/.test(id)),
      `Input '${Inputs.BatchIds}' must list batch ids such as batch_abc123 (batches/abc123 for Gemini), separated by commas or new lines.`
    ),
  maxCost: z
    .string()
    .regex(/^\s*(\d+(\.\d+)?)?\s*$/, { error: i => maxCostHint(String(i.input)) })
    .transform(s => (s.trim() === '' ? undefined : Number(s))),
  baseUrl: z
    .string()
    .refine(
      s => s === '' || URL.canParse(s),
      `Input '${Inputs.BaseUrl}' (or its alias '${Inputs.BaseUrlAlias}') must be a URL such as https://api.openai.com/v1.`
    )
})

/** Webhooks carry results and are signed: https only, except to this machine (all of 127.0.0.0/8 is loopback). */
function isAllowedWebhook(s: string): boolean {
  if (!URL.canParse(s)) return false
  const u = new URL(s)
  return (
    u.protocol === 'https:' ||
    (u.protocol === 'http:' && (['localhost', '[::1]'].includes(u.hostname) || /^127(\.\d{1,3}){3}$/.test(u.hostname)))
  )
}

/** A max-cost written as money (`$5`, `5 USD`) says the number to write instead. */
function maxCostHint(given: string): string {
  const amount = given.replace(/\$|\b(usd|dollars?)\b/gi, '').trim()
  const money = amount !== given.trim() && /^\d+(\.\d+)?$/.test(amount)
  const fix = money ? `write ${amount} (US dollars, no sign)` : 'write a number such as 25 or 2.50'
  return `Input '${Inputs.MaxCost}' must be empty (no limit) or an amount of US dollars; got '${given}': ${fix}.`
}

/** Inputs whose value is not echoed in a message: a webhook or base URL may carry a token. */
const UNECHOED = new Set(['webhookUrl', 'baseUrl'])

/** An input's error with what was given, so the message shows the value to change. */
export function echoInput(
  issue: { message: string; path: readonly PropertyKey[] },
  raw: Record<string, string>
): string {
  const key = issue.path[0]
  const given = typeof key === 'string' && !UNECHOED.has(key) ? raw[key] : undefined
  if (given === undefined || issue.message.includes('; got ')) return issue.message
  return `${issue.message.replace(/\.$/, '')}; got '${shown(given)}'.`
}

/** An input's value as a message quotes it: long ones cut to 60 characters. */
export const shown = (given: string): string => (given.length > 60 ? `${given.slice(0, 57)}...` : given)

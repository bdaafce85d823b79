/**
 * Checks requests and responses against OpenAI's own description of the Files
 * and Batches endpoints (__tests__/fixtures/openai-spec).
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { LoggedRequest } from '../fakes/openai'
import { ROOT } from './runner'

interface Schema {
  [k: string]: unknown
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema: Schema }[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
}

const spec = JSON.parse(
  fs.readFileSync(path.join(ROOT, '__tests__', 'fixtures', 'openai-spec', 'batch-files.openapi.json'), 'utf8')
) as {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
ajv.addSchema({ $id: 'spec', components: spec.components })

const compile = (schema: Schema) =>
  ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"spec#/components/')))

/**
 * Fields the description types as strings that the live API sends as null
 * (see the fixture's README): a null there is read as '' when the field is
 * required, else as absent.
 */
const REQUIRED_NULL_IN_PRACTICE = new Set(['first_id', 'last_id'])
const NULL_IN_PRACTICE = new Set([
  'status_details',
  'output_file_id',
  'error_file_id',
  'in_progress_at',
  'finalizing_at',
  'completed_at',
  'failed_at',
  'expired_at',
  'cancelling_at',
  'cancelled_at',
  'expires_at',
  'errors',
  'model'
])

function dropKnownNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropKnownNulls)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(v === null && NULL_IN_PRACTICE.has(k)))
      .map(([k, v]) => [k, v === null && REQUIRED_NULL_IN_PRACTICE.has(k) ? '' : dropKnownNulls(v)])
  )
}

function operation(method: string, p: string): { template: string; op: Operation } | undefined {
  for (const [template, ops] of Object.entries(spec.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
    const op = ops[method.toLowerCase()]
    if (re.test(p) && op) return { template, op }
  }
  return undefined
}

/** What is wrong with a request, by the description; empty when it conforms. */
export function requestProblems(r: LoggedRequest): string[] {
  const found = operation(r.method, r.path)
  if (!found) return [`${r.method} ${r.path} is not an operation of the description`]
  const problems: string[] = []
  const params = found.op.parameters ?? []
  for (const [name, raw] of Object.entries(r.query)) {
    const param = params.find(p => p.in === 'query' && p.name === name)
    if (!param) {
      problems.push(`${r.method} ${found.template}: unknown query parameter ${name}`)
      continue
    }
    const value = param.schema.type === 'integer' ? Number(raw) : raw
    const validate = compile(param.schema)
    if (!validate(value))
      problems.push(`${r.method} ${found.template}?${name}=${raw}: ${ajv.errorsText(validate.errors)}`)
  }
  const body = found.op.requestBody?.content
  if (body?.['application/json']) {
    const validate = compile(body['application/json'].schema)
    if (!validate(r.json)) problems.push(`${r.method} ${found.template} body: ${ajv.errorsText(validate.errors)}`)
  }
  if (body?.['multipart/form-data']) {
    const validate = compile(body['multipart/form-data'].schema)
    if (!validate(r.form)) problems.push(`${r.method} ${found.template} form: ${ajv.errorsText(validate.errors)}`)
  }
  return problems
}

/** What is wrong with a 200 answer, by the description; empty when it conforms. */
export function responseProblems(r: LoggedRequest): string[] {
  if (r.status !== 200 || r.response === undefined) return []
  const found = operation(r.method, r.path)
  const schema = found?.op.responses['200']?.content?.['application/json']?.schema
  if (!schema) return [`${r.method} ${r.path}: the description has no JSON answer`]
  const validate = compile(schema)
  return validate(dropKnownNulls(r.response))
    ? []
    : [`${r.method} ${found!.template} answer: ${ajv.errorsText(validate.errors)}`]
}

import { createHash } from 'node:crypto'
import { CustomIdLimits } from '../limits'
import { MetadataKeys } from './records'

/**
 * The tag a provider without batch metadata (Anthropic) carries in every
 * custom_id it is sent: `<tag>_<the user's custom_id>`. Results show the
 * custom_ids, so an ended batch says which content it stands for, and the
 * user's ids come back by cutting the tag off.
 *
 * A tag is 11 characters: 8 hex of sha256(scope, path, content sha256),
 * then the retry round, the part and the count of parts, one base-36 digit
 * each. What it stands for is found by hashing the present files the same way.
 */

/** The characters a tag and its separator take from a custom_id. */
export const TAG_PREFIX_LENGTH = CustomIdLimits.tagPrefix

/** The most rounds, parts and parts of a content one base-36 digit holds. */
export const MAX_TAGGED = 35

const TAG = '([0-9a-f]{8})([0-9a-z])([1-9a-z])([1-9a-z])'
const TAGGED = new RegExp(`^${TAG}_(.+)$`)
const BARE = new RegExp(`^${TAG}$`)

/** What a tag says of its batch: the content's hash (of scope, path, sha256) and its slot. */
export interface Tag {
  readonly content: string
  readonly round: number
  readonly part: number
  readonly parts: number
}

/** The 8 hex digits that stand for a content of a scope. */
export const contentHash = (scope: string, path: string, sha256: string): string =>
  createHash('sha256').update(`${scope}\n${path}\n${sha256}`).digest('hex').slice(0, 8)

/**
 * The tag of the batch that batch metadata (records.ts `batchMetadata`)
 * describes, or undefined when it is not the action's or is past MAX_TAGGED.
 */
export function tagOf(metadata: Readonly<Record<string, string>>): string | undefined {
  const scope = metadata[MetadataKeys.Scope]
  const path = metadata[MetadataKeys.Path]
  const sha256 = metadata[MetadataKeys.Sha256]
  const part = /^(\d+)\/(\d+)$/.exec(metadata[MetadataKeys.Part] ?? '1/1')
  const round = Number(metadata[MetadataKeys.Round] ?? '0')
  if (scope === undefined || !path || !sha256 || !part) return undefined
  const [p, n] = [Number(part[1]), Number(part[2])]
  if (round > MAX_TAGGED || n > MAX_TAGGED || p < 1 || p > n) return undefined
  return `${contentHash(scope, path, sha256)}${round.toString(36)}${p.toString(36)}${n.toString(36)}`
}

/** `<tag>_<id>`: the custom_id sent for the user's `id`. */
export const taggedId = (tag: string, id: string): string => `${tag}_${id}`

/** What a bare tag (as a batch's label) says, or undefined when `label` is not one. */
export const readTag = (label: string): Tag | undefined => tagFrom(BARE.exec(label))

/** The tag and the user's custom_id in a custom_id the action sent, or undefined for another's. */
export function readTagged(customId: string): { tag: Tag; id: string } | undefined {
  const m = TAGGED.exec(customId)
  const tag = tagFrom(m)
  return tag ? { tag, id: m![5]! } : undefined
}

function tagFrom(m: RegExpExecArray | null): Tag | undefined {
  if (!m) return undefined
  const [round, part, parts] = [m[2]!, m[3]!, m[4]!].map(d => parseInt(d, 36)) as [number, number, number]
  return part > parts ? undefined : { content: m[1]!, round, part, parts }
}

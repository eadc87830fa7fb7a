// The size report's schema (zod) and parser, so a report another job or a registry wrote is checked field by field before use.
import { z } from 'zod'
import { REPORT_ARTIFACT_TYPE, REPORT_SCHEMA_VERSION, type Report } from './report.js'

// Bounds that no real report comes near, so a hostile one cannot make the comment or the log unreadable.
const text = z.string().max(1024)
const long = z.string().max(8192)
const bytes = z.number().int().nonnegative()
const delta = z.number().int()
const many = <T extends z.ZodType>(item: T) => z.array(item).max(100_000)

const layerSize = z.object({
  name: text,
  digest: text,
  size: bytes,
  uncompressedSize: bytes
})

const platformSize = z.object({
  platform: text,
  size: bytes,
  uncompressedSize: bytes,
  configSize: bytes,
  binarySize: bytes,
  layers: many(layerSize)
})

const packagesMethod = z.enum(['in place', 'relink'])
const packageSize = z.object({ name: text, bytes })

const reportModule = z.object({
  path: text,
  version: text,
  replace: z.object({ path: text, version: text.optional() }).optional()
})

const binary = z.object({
  platform: text,
  path: text,
  goVersion: text,
  size: bytes.optional(),
  modules: many(reportModule),
  packages: many(packageSize).optional(),
  packagesMethod: packagesMethod.optional(),
  packagesMissing: long.optional()
})

const layerDelta = z.object({
  name: text,
  old: bytes.optional(),
  new: bytes.optional(),
  delta
})

const comparison = z.object({
  platform: text,
  baseline: z.object({
    reference: text,
    digest: text,
    platform: text,
    size: bytes,
    configSize: bytes,
    layers: many(z.object({ name: text, digest: text, size: bytes }))
  }),
  size: bytes,
  delta,
  deltaPercent: z.number(),
  layers: many(layerDelta)
})

const packageDeltas = z.object({
  baseline: text,
  baselineDigest: text.optional(),
  platform: text.optional(),
  packages: many(z.object({ name: text, old: bytes.optional(), new: bytes.optional(), delta })),
  total: delta,
  unattributed: z.object({ old: delta, new: delta, delta }).optional(),
  modules: many(
    z.object({
      path: text,
      change: z.enum(['added', 'removed', 'changed']),
      old: text.optional(),
      new: text.optional()
    })
  ),
  goVersion: z.object({ old: text, new: text }).optional(),
  method: packagesMethod.optional(),
  baselineMethod: packagesMethod.optional(),
  missing: long.optional()
})

/**
 * A report as this version writes it. Unknown fields are dropped, not refused: a later release of the same
 * schema version may add some, and only an incompatible change bumps schemaVersion.
 */
export const reportSchema: z.ZodType<Report> = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  mediaType: z.literal(REPORT_ARTIFACT_TYPE),
  image: text,
  digest: text,
  goVersion: text,
  platforms: many(platformSize),
  binary: binary.optional(),
  // Kept as it is: readVulnSection validates it where it is used, and a section it cannot read costs the comment
  // only its vulnerability line, not the whole report.
  vulnerabilities: z.unknown().optional(),
  tags: many(text).optional(),
  pushed: z.boolean().optional(),
  budget: z
    .object({
      maxSize: z.object({ bytes, raw: text }).optional(),
      maxSizeIncrease: text.optional(),
      failures: many(long)
    })
    .optional(),
  comparison: z
    .object({
      baseline: text,
      platforms: many(comparison),
      packages: packageDeltas,
      vulnerabilities: z.unknown().optional()
    })
    .optional(),
  pullRequest: z.number().int().positive().optional(),
  run: text.optional()
})

/** `comparison.packages[3].bytes`: a field's place in the document, as a reader would write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('')
}

/** What a value is, in a few words, quoting short strings and numbers (the document's own, never code). */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'string') {
    return v.length <= 40 ? `the string ${JSON.stringify(v)}` : `a string of ${v.length} characters`
  }
  return `${typeof v} ${JSON.stringify(v)}`
}

const EXPECTED: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object'
}

/** One schema issue as a sentence part: the field, what it holds and what it must hold. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const field = fieldPath(issue.path) || 'the document'
  const got = describe(issue.input)
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${field} is missing`
      return `${field} is ${got}, not ${EXPECTED[issue.expected] ?? issue.expected}`
    case 'invalid_value':
      return `${field} is ${got}, not one of ${issue.values.map(v => JSON.stringify(v)).join(', ')}`
    case 'too_big':
      return `${field} is too long or too large (at most ${String(issue.maximum)})`
    case 'too_small':
      return `${field} is ${got}, ${issue.inclusive ? 'below' : 'not above'} ${String(issue.minimum)}`
    default:
      return `${field}: ${issue.message}`
  }
}

export class ReportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReportError'
  }
}

/**
 * The largest report read, checked before parsing: a real one is well under 1 MiB (about 200 bytes per Go
 * package, twice, and the modules), and a bigger file would only cost memory and time to refuse.
 */
export const MAX_REPORT_BYTES = 4 * 1024 * 1024

const FIX =
  "Post the file that the build step's report output names, written by the same version of this action."

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Parses and checks a report (a file or a referrer's bytes) against the schema; `source` names it in errors,
 * which name the field too. A report is untrusted: a fork's job or any registry may have written it.
 */
export function parseReport(text: string, source: string): Report {
  const size = Buffer.byteLength(text)
  if (size > MAX_REPORT_BYTES) {
    throw new ReportError(
      `${source} is ${size} bytes, more than the ${MAX_REPORT_BYTES} a size report can be. ${FIX}`
    )
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new ReportError(`${source} is not JSON: ${(e as Error).message}. ${FIX}`)
  }
  if (!isObject(doc) || doc.mediaType !== REPORT_ARTIFACT_TYPE) {
    throw new ReportError(
      `${source} is not a go-scratch-image report (its mediaType is not ${REPORT_ARTIFACT_TYPE}). ${FIX}`
    )
  }
  if (doc.schemaVersion !== REPORT_SCHEMA_VERSION) {
    const version = JSON.stringify(doc.schemaVersion ?? null).slice(0, 40)
    throw new ReportError(
      `${source} is a report of schema version ${version}; this version of the action reads ${REPORT_SCHEMA_VERSION}. ` +
        `Use the same action version to write and read it.`
    )
  }
  const parsed = reportSchema.safeParse(doc, { reportInput: true })
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  throw new ReportError(
    `${source}: ${issues.slice(0, 3).map(describeIssue).join('; ')}${more}. ${FIX}`
  )
}

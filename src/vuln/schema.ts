// The Go vulnerability database's answers as zod schemas (index/db.json, index/modules.json, OSV entries), so nothing it says is used unchecked.
import { z } from 'zod'

/** An RFC 3339 time, as Go's time.Time reads it ("2023-04-03T15:57:51Z"). */
const time = z.iso.datetime({ offset: true })

/**
 * A vulnerability ID as it may appear in a URL and a file name: letters and digits in dash-separated groups
 * (GO-2024-1234, GHSA-xxxx-xxxx-xxxx), so no answer can name a path outside the cache or the database.
 */
export const ID_PATTERN = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/
const id = z.string().regex(ID_PATTERN, 'not an ID of letters and digits in dash-separated groups')

/** index/db.json: when the database last changed. */
export const dbMetaSchema = z.object({ modified: time })

/**
 * index/modules.json: each module and, per vulnerability, its last fix (bare semver, no v). Thousands of items,
 * checked on every run: the IDs are checked as IDs where they are used (database.ts), and modified, which
 * nothing reads, only as a string, which keeps this a few milliseconds.
 */
export const modulesIndexSchema = z.array(
  z.object({
    path: z.string().min(1),
    vulns: z
      .array(
        z.object({ id: z.string().min(1), modified: z.string(), fixed: z.string().optional() })
      )
      .nullish()
      .transform(v => v ?? [])
  })
)

/** A module's vulnerabilities as the cache keeps them: the ID and the last fix. */
export const indexVulnsSchema = z.array(
  z.object({ id: z.string().min(1), fixed: z.string().optional() })
)
export type IndexVulns = z.infer<typeof indexVulnsSchema>

const rangeEvent = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional()
})

const importedPackage = z.object({
  path: z.string().min(1),
  goos: z.array(z.string()).nullish(),
  goarch: z.array(z.string()).nullish(),
  symbols: z.array(z.string()).nullish()
})

const affected = z.object({
  package: z.object({ name: z.string().min(1), ecosystem: z.string().optional() }),
  ranges: z
    .array(z.object({ type: z.string(), events: z.array(rangeEvent) }))
    .nullish()
    .transform(r => r ?? []),
  ecosystem_specific: z
    .object({
      imports: z
        .array(importedPackage)
        .nullish()
        .transform(i => i ?? [])
    })
    .nullish()
    .transform(e => e ?? { imports: [] })
})

/** ID/$id.json: one report in the OSV schema, with the fields the Go database gives meaning to. */
export const osvEntrySchema = z.object({
  id,
  modified: time,
  published: time.optional(),
  withdrawn: time.nullish(),
  aliases: z
    .array(z.string())
    .nullish()
    .transform(a => a ?? []),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  affected: z
    .array(affected)
    .nullish()
    .transform(a => a ?? []),
  database_specific: z.object({ url: z.string().optional() }).nullish()
})

export type DbMeta = z.infer<typeof dbMetaSchema>
export type ModulesIndex = z.infer<typeof modulesIndexSchema>
export type OsvEntry = z.infer<typeof osvEntrySchema>
export type OsvAffected = OsvEntry['affected'][number]

/** The first few problems of a failed parse, each with where it is: `affected[0].ranges: expected array`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const lines = error.issues.slice(0, max).map(i => {
    const where = i.path.reduce<string>(
      (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
      ''
    )
    return `${where || '(top level)'}: ${i.message.replace(/^Invalid input: /, '')}`
  })
  const more = error.issues.length - lines.length
  return lines.join('; ') + (more > 0 ? ` (and ${more} more)` : '')
}

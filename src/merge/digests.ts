// Reads the merge-digests input: digests as lines, or a folder of digest files as matrix legs upload them.
import { readdirSync, statSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../ports.js'
import type { PlatformSize } from '../report/size.js'

const DIGEST = /^sha256:[0-9a-f]{64}$/
const HEX = /^[0-9a-f]{64}$/

/**
 * The digests to merge. One line naming a folder (relative to the workspace) reads the file names in it, as
 * Docker's multi-runner recipe writes them (the digest's hex, no "sha256:"); otherwise every line (or
 * comma-separated item) is a digest, sha256:<64 hex> or the bare hex.
 */
export function parseMergeDigests(
  raw: string,
  workspace: string
): { digests: string[]; dir?: string } {
  const items = raw
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '' && !s.startsWith('#'))
  if (!items.length) return { digests: [] }
  const only = items.length === 1 ? items[0]! : undefined
  if (only && !DIGEST.test(only) && !HEX.test(only)) {
    const dir = path.resolve(workspace, only)
    const isDir = (() => {
      try {
        return statSync(dir).isDirectory()
      } catch {
        return false
      }
    })()
    if (isDir) return { digests: fromFolder(dir), dir }
  }
  return { digests: checked(items, 'merge-digests') }
}

function fromFolder(dir: string): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isFile() && !e.name.startsWith('.'))
    .map(e => e.name)
    .sort()
  if (!names.length) {
    throw new InputError(
      `merge-digests: the folder ${dir} holds no digest files. Download the legs' digest-file artifacts into it ` +
        `(actions/download-artifact with pattern: digests-* and merge-multiple: true).`
    )
  }
  return checked(names, `merge-digests (a file in ${dir})`)
}

function checked(items: string[], where: string): string[] {
  const out: string[] = []
  for (const item of items) {
    const digest = HEX.test(item) ? `sha256:${item}` : item
    if (!DIGEST.test(digest)) {
      throw new InputError(
        `${where}: '${item}' is not a digest. Give sha256: followed by 64 lowercase hex digits (a leg's digest output), ` +
          `one a line, or a folder of digest files.`
      )
    }
    if (out.includes(digest)) throw new InputError(`${where}: ${digest} is listed twice.`)
    out.push(digest)
  }
  return out
}

/**
 * Writes a matrix leg's digest file, RUNNER_TEMP/digests/<hex>, as Docker's multi-runner recipe does: the name is
 * the digest, and actions/upload-artifact uploads the folder for the merge step. Docker's files are empty; ours
 * hold the leg's size report, so the merge can report uncompressed and binary sizes, which no manifest records.
 */
export async function writeDigestFile(
  tempRoot: string,
  digest: string,
  sizes: PlatformSize[]
): Promise<string> {
  const dir = path.join(tempRoot, 'digests')
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, digest.replace(/^sha256:/, ''))
  await writeFile(file, `${JSON.stringify({ digest, sizes })}\n`)
  return file
}

/** The size reports in a folder of digest files; empty and foreign files (Docker's recipe touches empty ones) give none. */
export async function readLegReports(dir: string | undefined): Promise<PlatformSize[]> {
  if (!dir) return []
  const out: PlatformSize[] = []
  for (const name of readdirSync(dir)) {
    const text = await readFile(path.join(dir, name), 'utf8').catch(() => '')
    try {
      const doc = JSON.parse(text) as { sizes?: PlatformSize[] }
      if (Array.isArray(doc.sizes)) out.push(...doc.sizes)
    } catch {
      // Not ours: the merge reports what the manifests say.
    }
  }
  return out
}

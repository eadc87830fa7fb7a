// The inputs that scale a build out (issue 15): matrix legs pushed by digest, the merge of their digests, the tag
// rules' flavor and the Go cache controls; parsed apart from config.ts, whose Config includes them.
import path from 'node:path'
import { parseMergeDigests } from './merge/digests.js'
import { InputError } from './ports.js'
import type { ImageRef } from './registry/reference.js'
import { parseFlavor, type Flavor } from './registry/tag-rules.js'

export interface MatrixConfig {
  /** Push without a tag (one leg of a matrix); digest and digest-file say what was pushed. */
  pushByDigest: boolean
  /** Digests of the legs to merge into one index; when set, nothing is built. */
  mergeDigests: string[]
  /** The folder merge-digests named, whose digest files may hold the legs' size reports. */
  mergeDigestsDir?: string
  /** tags-latest, tags-prefix, tags-suffix. */
  tagFlavor: Flavor
  /** cache: read restores Go's caches but never saves them. */
  cacheSave: boolean
  /** cache-dependency-path: absolute globs of the files whose hash keys the cache; empty means go.sum and go.mod. */
  cacheDependencyPath: string[]
}

type Get = (name: string) => string

/** Lines (or commas) of a list input, without blanks and # comments. */
const lines = (raw: string): string[] =>
  raw
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '' && !s.startsWith('#'))

/** cache: true, false or read; true unless said. */
export function parseCacheMode(get: Get): { restore: boolean; save: boolean } {
  const raw = get('cache').trim().toLowerCase() || 'true'
  if (raw === 'true') return { restore: true, save: true }
  if (raw === 'false') return { restore: false, save: false }
  if (raw === 'read') return { restore: true, save: false }
  throw new InputError(
    `cache: '${get('cache').trim()}' is not true, false or read. read restores Go's caches but never saves them (e.g. for pull requests).`
  )
}

export function parseMatrixConfig(
  get: Get,
  o: { workspace: string; image?: ImageRef; push: boolean; load: boolean; ociLayout: string }
): MatrixConfig {
  const pushByDigest = get('push-by-digest').trim().toLowerCase() === 'true'
  if (!['', 'true', 'false'].includes(get('push-by-digest').trim().toLowerCase())) {
    throw new InputError(
      `push-by-digest: '${get('push-by-digest').trim()}' is not a boolean. Use true or false.`
    )
  }
  const mergeRaw = get('merge-digests')
  const { digests: mergeDigests, dir: mergeDigestsDir } = parseMergeDigests(mergeRaw, o.workspace)
  if (pushByDigest && !o.push) {
    throw new InputError(
      'push-by-digest: true needs push: true (it is how a matrix leg pushes its platform).'
    )
  }
  if (mergeDigests.length) {
    const shown = mergeRaw.trim().split('\n')[0]!.trim()
    const clash = (input: string, why: string): never => {
      throw new InputError(`merge-digests: '${shown}' cannot go with ${input}: ${why}`)
    }
    if (get('platforms').trim()) {
      clash(
        `platforms: '${get('platforms').trim()}'`,
        'a merge builds nothing; the platforms are those of the legs. Remove platforms from the merge step.'
      )
    }
    if (pushByDigest)
      clash(
        'push-by-digest: true',
        'the merge step writes the tagged index; remove push-by-digest.'
      )
    if (!o.push) clash('push: false', 'the merge writes the index to the registry; set push: true.')
    if (o.load) clash('load: true', 'pull the merged image instead (docker pull IMAGE:TAG).')
    if (o.ociLayout)
      clash(`oci-layout: ${o.ociLayout}`, 'a merge reads only manifests and configs, never layers.')
    if (!o.image) {
      throw new InputError(
        `image: a merge needs the one repository the legs pushed to (e.g. ghcr.io/acme/app), without {{.Name}}.`
      )
    }
  }
  const cache = parseCacheMode(get)
  return {
    pushByDigest,
    mergeDigests,
    ...(mergeDigestsDir ? { mergeDigestsDir } : {}),
    tagFlavor: parseFlavor(get('tags-latest'), get('tags-prefix'), get('tags-suffix')),
    cacheSave: cache.save,
    cacheDependencyPath: lines(get('cache-dependency-path')).map(p => path.resolve(o.workspace, p))
  }
}

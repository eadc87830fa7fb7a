// Remembers what the zoneinfo tree and Go's zoneinfo.zip compress to, keyed by their bytes, so a warm run chooses between them without building and compressing both layers again.
import { createHash, randomBytes } from 'node:crypto'
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import { compressedLayerSize } from './image.js'
import { layerTar } from './tar.js'
import { contentDigest, type Entry, type Layer } from '../rootfs/plan.js'

/** The two compressed sizes the choice compares. */
export interface ZoneinfoSizes {
  tree: number
  zip: number
}

/** Remembered sizes, and the source date epoch of the tars they were measured on. */
interface Remembered extends ZoneinfoSizes {
  epoch: number
}

/**
 * How much another epoch may move a layer's compressed size, per tar entry: the date is 12 octal digits of each
 * header, which deflate or zstd code in a few bytes more or less. Sizes further apart than this per entry of both
 * layers choose alike at any epoch, so a new commit (a new epoch) reuses them; closer ones are measured again.
 */
const EPOCH_SLACK_PER_ENTRY = 64

export interface ChoiceCache {
  /** A folder of the tool cache, kept between runs as the layer cache is. */
  dir: string
  /**
   * What the compressed size depends on beyond the tar: the codec, level and compressor version (the layer
   * compressor's key of a fixed name serves).
   */
  compression: string
}

/** Entries kept; each is some 100 bytes, one per zoneinfo and Go in use (and per epoch for a near tie). */
const KEEP = 64

/**
 * A tar of a few entries shaped like the layers' (every directory, the longest file and link paths): its digest is
 * in the key, so a change to how tars are written (headers, long names) is a new key, not a stale size.
 */
async function tarProbe(layers: Layer[]): Promise<string> {
  const longest = (type: Entry['type']): Entry[] =>
    layers
      .flatMap(l => l.entries.filter(e => e.type === type))
      .sort((a, b) => b.path.length - a.path.length)
      .slice(0, 1)
  const probe = [
    ...layers.flatMap(l => l.entries.filter(e => e.type === 'directory')),
    ...longest('file').map(e => ({ ...e, source: Buffer.from('TZif'), size: 4 })),
    ...longest('symlink')
  ]
  return createHash('sha256')
    .update(await layerTar(probe, 0))
    .digest('hex')
}

/**
 * The cache key: both layers' entries and bytes, the tar probe and the compression; not the epoch, which only
 * moves the sizes by the slack above (a near tie's key adds it: see tieKey).
 */
async function choiceKey(tree: Layer, zip: Layer, c: ChoiceCache): Promise<string> {
  const probe = await tarProbe([tree, zip])
  return contentDigest([tree, zip], ['zoneinfo-choice/2', c.compression, probe])
}

/** A near tie's key: the content's key and the epoch, without hashing the zoneinfo tree a second time. */
const tieKey = (key: string, epoch: number): string =>
  createHash('sha256').update(`${key} epoch ${epoch}`).digest('hex')

function read(file: string): Remembered | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<Remembered>
    return Number.isSafeInteger(v.tree) &&
      Number.isSafeInteger(v.zip) &&
      Number.isSafeInteger(v.epoch)
      ? { tree: v.tree!, zip: v.zip!, epoch: v.epoch! }
      : undefined
  } catch {
    return undefined
  }
}

/** Written aside and renamed, so a concurrent run never reads half an entry; the oldest beyond KEEP go. */
function write(dir: string, file: string, sizes: Remembered): void {
  try {
    mkdirSync(dir, { recursive: true })
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    writeFileSync(tmp, JSON.stringify(sizes))
    renameSync(tmp, file)
    const entries = readdirSync(dir)
      .filter(n => n.endsWith('.json'))
      .map(n => ({ n, t: statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.t - a.t || (a.n < b.n ? -1 : 1))
    for (const { n } of entries.slice(KEEP)) rmSync(path.join(dir, n), { force: true })
  } catch {
    // Only a cache: the next run measures again.
  }
}

/**
 * The compressed sizes of the tree and the zip layer: remembered ones when both layers' bytes (and the tar format
 * and the compression) are those they were measured for and either the epoch is the same or the two are too far
 * apart for another epoch to change which is smaller; else measured with size and remembered (a near tie under
 * its epoch, so the choice is always the one this epoch's measurement makes). Keyed by content, not by dates or
 * inodes: the bytes are in memory already (the tree) or small (the zip).
 */
export async function zoneinfoSizes(
  tree: Layer,
  zip: Layer,
  epoch: number,
  size: (layer: Layer) => Promise<number>,
  cache?: ChoiceCache
): Promise<ZoneinfoSizes> {
  const measure = async (): Promise<ZoneinfoSizes> => {
    const [t, z] = await Promise.all([size(tree), size(zip)])
    return { tree: t, zip: z }
  }
  if (!cache) return measure()
  const slack = EPOCH_SLACK_PER_ENTRY * (tree.entries.length + zip.entries.length)
  const apart = (s: ZoneinfoSizes): boolean => Math.abs(s.tree - s.zip) > 2 * slack
  const key = await choiceKey(tree, zip, cache)
  const file = path.join(cache.dir, `${key}.json`)
  const known = read(file)
  if (known && (known.epoch === epoch || apart(known))) return { tree: known.tree, zip: known.zip }
  const tie = path.join(cache.dir, `${tieKey(key, epoch)}.json`)
  const near = read(tie)
  if (near?.epoch === epoch) return { tree: near.tree, zip: near.zip }
  const sizes = await measure()
  write(cache.dir, apart(sizes) ? file : tie, { ...sizes, epoch })
  return sizes
}

/**
 * How zoneinfo() (src/rootfs/stage.ts) compares the tree with the zip: each layer's compressed size as this run
 * would push it (gzip's, compressedLayerSize, unless size says otherwise: the pipeline passes its compressor's,
 * which keeps the bytes for the image too), remembered in cache when one is given.
 */
export function zoneinfoMeasure(
  size?: (layer: Layer, epoch: number) => Promise<number>,
  cache?: ChoiceCache
): (tree: Layer, zip: Layer, epoch: number) => Promise<ZoneinfoSizes> {
  return (tree, zip, epoch) =>
    zoneinfoSizes(tree, zip, epoch, l => (size ?? compressedLayerSize)(l, epoch), cache)
}

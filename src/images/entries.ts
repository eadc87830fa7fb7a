// What a run reports per image (one per main package): its entry, and the images output built from the entries.
import type { ImageRef } from '../registry/reference.js'

export interface ImageEntry {
  /** The binary name, which {{.Name}} stands for. */
  name: string
  digest: string
  /** image@digest in the first registry; empty without image. */
  imageRef: string
  /** image@digest in every registry of image, the first first. */
  imageRefs: string[]
  /** The tags pushed (empty when nothing was pushed). */
  tags: string[]
  /** Compressed bytes one pull transfers for the largest platform, as the size output. */
  size: number
  pushed: boolean
}

export function imageEntry(o: {
  name: string
  refs: ImageRef[]
  digest: string
  tags: string[]
  size: number
  pushed: boolean
}): ImageEntry {
  const imageRefs = o.refs.map(r => `${r.registry}/${r.repository}@${o.digest}`)
  return {
    name: o.name,
    digest: o.digest,
    imageRef: imageRefs[0] ?? '',
    imageRefs,
    tags: o.tags,
    size: o.size,
    pushed: o.pushed
  }
}

/** The images output: JSON keyed by name. */
export function imagesOutput(entries: readonly ImageEntry[]): string {
  return JSON.stringify(
    Object.fromEntries(
      entries.map(e => [
        e.name,
        {
          digest: e.digest,
          'image-ref': e.imageRef,
          'image-refs': e.imageRefs,
          tags: e.tags,
          size: e.size
        }
      ])
    )
  )
}

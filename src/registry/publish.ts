// Publishes the image: the push by digest to every registry of image, the -debug images beside it, and the tags
// last, once every referrer the run requires is in place.
import type { Flavor } from './tag-rules.js'
import type { ImageRef } from './reference.js'

/** Where the image goes and under which names: image, tags, push, load, oci-layout, and the matrix inputs. */
export interface PublishOptions {
  /** image's first line, parsed; undefined when a line holds {{.Name}} (see src/images/targets.ts). */
  image?: ImageRef
  /** image's further lines, parsed: registries the same image also goes to, with their own credentials. */
  mirrors: ImageRef[]
  /** image's lines as written, {{.Name}} kept: one image per main package, the same one in every registry. */
  imageLines: string[]
  /** Lines of tags: plain tags or rules (src/registry/tag-rules.ts); empty means the default rules. */
  tags: string[]
  /** tags-latest, tags-prefix, tags-suffix. */
  tagFlavor: Flavor
  /** DOCKER_METADATA_SHORT_SHA_LENGTH: how long type=sha's commit is. */
  shortShaLength: number
  push: boolean
  /** Push without a tag (one leg of a matrix); the merge step tags the index. */
  pushByDigest: boolean
  /** Load the image into the local Docker Engine. */
  load: boolean
  /** oci-layout, resolved; empty means none. */
  ociLayout: string
  /** merge-digests: the legs' digests to merge into one index (nothing is built), and the folder that named them. */
  mergeDigests: string[]
  mergeDigestsDir?: string
}

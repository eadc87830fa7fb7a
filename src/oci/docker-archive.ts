// Writes one platform's image as a `docker load` archive (manifest.json, config, layers), for load: true.
import type { BuiltImage } from './image.js'
import { packTar } from './tar.js'

const blobPath = (digest: string): string => `blobs/sha256/${digest.replace(/^sha256:/, '')}`

/**
 * The archive `docker save` writes, with the layers still gzipped: `docker load` decompresses a layer itself
 * and checks it against the config's diff_ids, so the image loads without a second copy of its bytes.
 */
export async function dockerArchive(image: BuiltImage, repoTags: string[]): Promise<Buffer> {
  const files: [string, Buffer][] = [
    [blobPath(image.config.digest), image.config.data],
    ...image.layers.map(l => [blobPath(l.blob.digest), l.blob.data] as [string, Buffer]),
    [
      'manifest.json',
      Buffer.from(
        JSON.stringify([
          {
            Config: blobPath(image.config.digest),
            RepoTags: repoTags,
            Layers: image.layers.map(l => blobPath(l.blob.digest))
          }
        ])
      )
    ]
  ]
  // Two layers with the same bytes are one file.
  const unique = new Map(files)
  return packTar(async add => {
    for (const [name, data] of unique) {
      await add({ name, size: data.length, mode: 0o644, mtime: new Date(0) }, data)
    }
  })
}

// Writes one platform's image as a `docker load` archive (manifest.json, config, layers), for load: true.
import { codecOfMediaType, decompress } from './compress.js'
import type { BuiltImage, BuiltLayer } from './image.js'
import { packTar } from './tar.js'

const blobPath = (digest: string): string => `blobs/sha256/${digest.replace(/^sha256:/, '')}`

/**
 * A layer as the archive holds it: a gzip layer as built (`docker load` decompresses it itself and checks it
 * against the config's diff_ids, so the image loads without a second copy of its bytes); a zstd layer as its
 * plain tar, named by its diff_id, since Docker Engine 20.10's `docker load` fails on zstd ("unexpected EOF").
 */
function archived(layer: BuiltLayer): [string, Buffer] {
  if (codecOfMediaType(layer.blob.mediaType) === 'zstd') {
    return [blobPath(layer.diffId), decompress(layer.blob.data, 'zstd')]
  }
  return [blobPath(layer.blob.digest), layer.blob.data]
}

/** The archive `docker save` writes (see archived for how each layer is stored). */
export async function dockerArchive(image: BuiltImage, repoTags: string[]): Promise<Buffer> {
  const layers = image.layers.map(archived)
  const files: [string, Buffer][] = [
    [blobPath(image.config.digest), image.config.data],
    ...layers,
    [
      'manifest.json',
      Buffer.from(
        JSON.stringify([
          {
            Config: blobPath(image.config.digest),
            RepoTags: repoTags,
            Layers: layers.map(([name]) => name)
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

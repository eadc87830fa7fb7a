// Writes one platform's image as a `docker load` archive (manifest.json, config, layers), for load: true.
import tar from 'tar-stream'
import type { BuiltImage } from './image.js'
import { entry } from './tar.js'

const hex = (digest: string): string => digest.replace(/^sha256:/, '')

/**
 * The archive `docker save` writes, with the layers still gzipped: `docker load` decompresses a layer itself
 * and checks it against the config's diff_ids, so the image loads without a second copy of its bytes.
 */
export async function dockerArchive(image: BuiltImage, repoTags: string[]): Promise<Buffer> {
  const files: [string, Buffer][] = [
    [`blobs/sha256/${hex(image.config.digest)}`, image.config.data],
    ...image.layers.map(
      l => [`blobs/sha256/${hex(l.blob.digest)}`, l.blob.data] as [string, Buffer]
    ),
    [
      'manifest.json',
      Buffer.from(
        JSON.stringify([
          {
            Config: `blobs/sha256/${hex(image.config.digest)}`,
            RepoTags: repoTags,
            Layers: image.layers.map(l => `blobs/sha256/${hex(l.blob.digest)}`)
          }
        ])
      )
    ]
  ]
  const pack = tar.pack()
  const chunks: Buffer[] = []
  pack.on('data', (c: unknown) => chunks.push(c as Buffer))
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve)
    pack.on('error', reject)
  })
  const seen = new Set<string>()
  for (const [name, data] of files) {
    // Two layers with the same bytes are one file.
    if (seen.has(name)) continue
    seen.add(name)
    await entry(pack, { name, size: data.length, mode: 0o644, mtime: new Date(0) }, data)
  }
  pack.finalize()
  await done
  return Buffer.concat(chunks)
}

// Reads what the action built, independently of its code: an OCI layout's platforms and files, and an image's filesystem as Docker exports it.
import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import type tar from 'tar-stream'
import { readTar } from '../../src/oci/tar.js'
import { sh, skopeo } from './commands.js'
import { uniqueName } from './registries.js'

interface Descriptor {
  digest: string
  mediaType: string
  platform?: { os: string; architecture: string; variant?: string }
}

async function readBlob(layout: string, digest: string): Promise<Buffer> {
  return readFile(path.join(layout, 'blobs', 'sha256', digest.replace(/^sha256:/, '')))
}

/** The platforms an OCI layout's top-level index lists, as os/arch[/variant]. */
export async function layoutPlatforms(
  layout: string
): Promise<{ platform: string; manifest: string }[]> {
  const top = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
    manifests: Descriptor[]
  }
  const image = JSON.parse((await readBlob(layout, top.manifests[0]!.digest)).toString()) as {
    manifests?: Descriptor[]
  }
  return (image.manifests ?? []).map(m => ({
    platform: [m.platform?.os, m.platform?.architecture, m.platform?.variant]
      .filter(Boolean)
      .join('/'),
    manifest: m.digest
  }))
}

/** Unpacks one file from the last layer of a manifest in an OCI layout into dir, and returns its path. */
export async function fileFromLayout(
  layout: string,
  manifest: string,
  name: string,
  dir: string
): Promise<string> {
  const m = JSON.parse((await readBlob(layout, manifest)).toString()) as { layers: Descriptor[] }
  const layer = gunzipSync(await readBlob(layout, m.layers[m.layers.length - 1]!.digest))
  const out = path.join(dir, `${manifest.slice(7, 19)}-${name}`)
  const entry = (await readTar(layer)).find(e => e.header.name === name)
  if (!entry) throw new Error(`${name} is not in the last layer of ${manifest}`)
  await writeFile(out, entry.data)
  return out
}

/**
 * Copies a tagged image of an OCI layout into the Docker Engine (what `load: true` will do), under a name of its
 * own (uniqueName): each load gets its own reference, which it returns.
 */
export async function loadLayout(layout: string, tag: string, name: string): Promise<string> {
  const ref = `${uniqueName(name)}:${tag}`
  const r = await skopeo(['copy', '--quiet', `oci:${layout}:${tag}`, `docker-daemon:${ref}`])
  if (r.code !== 0) throw new Error(`skopeo could not load ${layout}:${tag}: ${r.stderr}`)
  return ref
}

export interface FsEntry {
  path: string
  type: string
  mode: string
  owner: string
  size: number
  link: string
}

/**
 * One tar entry as the filesystem sees it. Docker 20.10 writes the file-type bits into the mode field (100755,
 * 40755) where the native builder writes 755; both mean the same file, so only permissions are kept.
 */
export function fsEntry(h: tar.Header): FsEntry {
  return {
    path: h.name.replace(/\/$/, ''),
    type: h.type ?? 'file',
    mode: ((h.mode ?? 0) & 0o7777).toString(8),
    owner: `${h.uid ?? 0}:${h.gid ?? 0}`,
    size: h.size ?? 0,
    link: h.linkname ?? ''
  }
}

/**
 * The filesystem of an image as `docker export` of a created container shows it, without mtimes. The
 * container runtime's own entries (/.dockerenv, /dev, /proc, /sys, /etc/hosts …) are in every export the same
 * way, so two exports compare equal exactly when the images hold the same files.
 */
export async function exportFs(image: string): Promise<FsEntry[]> {
  const created = await sh('docker', ['create', '--network', 'none', image])
  if (created.code !== 0) throw new Error(`docker create ${image}: ${created.stderr}`)
  const id = created.stdout.trim()
  try {
    const archive = await new Promise<Buffer>((resolve, reject) => {
      execFile(
        'docker',
        ['export', id],
        { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 },
        (err, stdout) => (err ? reject(err) : resolve(stdout))
      )
    })
    const out = (await readTar(archive)).map(({ header }) => fsEntry(header))
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  } finally {
    await sh('docker', ['rm', '-f', id])
  }
}

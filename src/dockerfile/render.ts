// Writes the FROM scratch Dockerfile and its build context from the same file plan the native builder uses.
import { chmod, copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { FilePlan, Layer } from '../rootfs/plan.js'

/** ENV values quoted so spaces and quotes survive, and `$` escaped: the native image does not expand variables either. */
function envLine(kv: string): string {
  const eq = kv.indexOf('=')
  return `${kv.slice(0, eq)}=${JSON.stringify(kv.slice(eq + 1)).replace(/\$/g, '\\$')}`
}

/**
 * The binary layer differs per platform, so with several platforms its context folder is
 * binary/OS/ARCH[/VARIANT], picked with the build arguments BuildKit sets.
 */
export function renderDockerfile(plan: FilePlan, multiPlatform: boolean): string {
  const lines = [
    '# Written by go-scratch-image: the same image its native builder assembles.',
    'FROM scratch'
  ]
  if (multiPlatform) lines.push('ARG TARGETOS TARGETARCH TARGETVARIANT')
  for (const layer of plan.layers) {
    const src =
      layer.name === 'binary' && multiPlatform
        ? 'binary/${TARGETOS}/${TARGETARCH}${TARGETVARIANT:+/}${TARGETVARIANT}/'
        : `${layer.name}/`
    lines.push(`COPY ${src} /`)
  }
  const s = plan.image
  if (s.env.length) lines.push(`ENV ${s.env.map(envLine).join(' \\\n    ')}`)
  lines.push(`USER ${s.user}`, `WORKDIR ${s.workdir}`, `ENTRYPOINT ${JSON.stringify(s.entrypoint)}`)
  if (s.cmd.length) lines.push(`CMD ${JSON.stringify(s.cmd)}`)
  return `${lines.join('\n')}\n`
}

/** Writes one layer's files under dir with the modes of the plan, so COPY reproduces them. */
export async function writeLayerContext(layer: Layer, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  const dirs: { dest: string; mode: number }[] = []
  for (const e of layer.entries) {
    const dest = path.join(dir, e.path)
    if (e.type === 'directory') {
      await mkdir(dest, { recursive: true })
      // Modes last and deepest first: a read-only directory must not stop its children being written.
      dirs.push({ dest, mode: e.mode })
      continue
    } else if (e.type === 'symlink') {
      await rm(dest, { force: true })
      await symlink(e.target, dest)
      continue
    } else if (typeof e.source === 'string') {
      await copyFile(e.source, dest)
    } else {
      await writeFile(dest, e.source)
    }
    await chmod(dest, e.mode)
  }
  for (const d of dirs.reverse()) await chmod(d.dest, d.mode)
}

export function binaryContextDir(platform: string, multiPlatform: boolean): string {
  return multiPlatform ? path.join('binary', ...platform.split('/')) : 'binary'
}

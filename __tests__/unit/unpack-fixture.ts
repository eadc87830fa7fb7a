// Tar headers for the unpack tests, one short call each: a directory, a file, a symlink, a hard link, a layer.
import type { LayerEntries, LayerEntry } from '../../src/oci/unpack.js'

export const d = (path: string, mode = 0o755, uid = 0, gid = 0): LayerEntry => ({
  path,
  type: 'directory',
  mode,
  uid,
  gid
})
export const f = (path: string, mode = 0o644, uid = 0, gid = 0): LayerEntry => ({
  path,
  type: 'file',
  mode,
  uid,
  gid
})
export const sym = (path: string, target: string): LayerEntry => ({
  path,
  type: 'symlink',
  mode: 0o777,
  uid: 0,
  gid: 0,
  linkname: target
})
export const hard = (path: string, target: string): LayerEntry => ({
  path,
  type: 'link',
  mode: 0,
  uid: 0,
  gid: 0,
  linkname: target
})
export const layer = (name: string, ...entries: LayerEntry[]): LayerEntries => ({ name, entries })

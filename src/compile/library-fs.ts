// The target root a library closure is read from: the runner's / or a sysroot, as a LibraryFs over node:fs.
import { lstat, readFile, readdir, readlink } from 'node:fs/promises'
import path from 'node:path'
import type { LibraryFs } from './closure.js'

/** Paths inside root; a symlink's target is returned as written, so follow() resolves it inside root too. */
export function rootFs(root: string): LibraryFs {
  const at = (p: string): string => path.join(root, p)
  return {
    lstat: async p => {
      const st = await lstat(at(p)).catch(() => undefined)
      if (!st) return undefined
      const kind = st.isSymbolicLink()
        ? 'symlink'
        : st.isFile()
          ? 'file'
          : st.isDirectory()
            ? 'directory'
            : 'other'
      return { kind, mode: st.mode & 0o7777, size: st.size }
    },
    readlink: p => readlink(at(p)),
    readFile: p => readFile(at(p)),
    readdir: p => readdir(at(p))
  }
}

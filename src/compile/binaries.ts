// Compiles the main package for every platform and checks each binary before anything packs it.
import type { Platform } from '../platform.js'
import type { CgoConfig } from './cgo.js'

/** What is built and how: the build inputs (package, binary-name, platforms, flags, cgo). */
export interface BuildOptions extends Pick<CgoConfig, 'cgo' | 'cc' | 'cgoSysroot'> {
  workingDirectory: string
  /** The main package (package's first line; each image's own in a run of several). */
  package: string
  /** package's lines (folders, or patterns such as ./cmd/...). */
  packages: string[]
  /** binary-name; empty means the package's name. */
  binaryName: string
  platforms: Platform[]
  ldflags: string
  buildTags: string
  buildFlags: string[]
  buildEnv: Record<string, string>
  /** source-date-epoch or SOURCE_DATE_EPOCH; undefined means the commit time. */
  sourceDateEpoch?: number
}

// What is built and how (the build inputs), and what the build hands on: the binaries and the cgo builds.
import type { Platform } from '../platform.js'
import type { CgoBuild, CgoConfig } from './cgo.js'

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

export interface Binary {
  path: string
  size: number
}

/** Each platform's binary, by platform string. */
export type Binaries = Map<string, Binary>

/** Each platform's cgo build, by platform string; absent with cgo: off. */
export type CgoBuilds = Map<string, CgoBuild>

// Each platform's file plan and image settings: the staged layers, the platform's libraries and binary, in order.
import type { FileMapping } from './files.js'

/** What goes into the image beside the binary (system files, certificates, zoneinfo, files, busybox), and its settings. */
export interface ImageOptions {
  zoneinfo: true | false | string[]
  caCertificates: 'system' | 'none' | string
  /** PEM files appended to the bundle, relative to working-directory. */
  extraCaCertificates: string[]
  files: FileMapping[]
  /** Numeric uid:gid. */
  user: string
  workdir: string
  env: string[]
  expose: string[]
  /** Undefined means ["/<binary-name>"], known once the package is inspected. */
  entrypoint?: string[]
  args: string[]
  labels: Record<string, string>
  /** Also push TAG-debug with a static busybox; debugBusybox: its path (resolved) for other platforms. */
  debug: boolean
  debugBusybox?: string
}

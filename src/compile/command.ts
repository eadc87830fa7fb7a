// Builds the environment and arguments of the static `go build`, as pure data.
import type { Platform } from '../platform.js'
import { platformGoEnv } from '../platform.js'

export interface BuildSettings {
  pkg: string
  ldflags: string
  buildTags: string
  buildFlags: string[]
  buildEnv: Record<string, string>
}

export function buildEnv(
  base: Record<string, string>,
  platform: Platform,
  settings: BuildSettings,
  /** The cgo input's CGO_ENABLED=1 and CC (src/compile/cgo.ts), when cgo is static or dynamic. */
  cgo?: Record<string, string>
): Record<string, string> {
  // CGO_ENABLED=0 is what makes the binary static; the user's build-env cannot turn it back on, only the cgo input.
  return { ...base, ...settings.buildEnv, ...platformGoEnv(platform), CGO_ENABLED: '0', ...cgo }
}

export function buildArgs(settings: BuildSettings, output: string): string[] {
  const ldflags = ['-s', '-w', settings.ldflags.trim()].filter(Boolean).join(' ')
  const args = ['build', '-trimpath', `-ldflags=${ldflags}`]
  if (settings.buildTags.trim()) args.push(`-tags=${settings.buildTags.trim()}`)
  args.push(...settings.buildFlags, '-o', output, settings.pkg)
  return args
}

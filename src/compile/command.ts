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

/** The environment every go command runs with: this toolchain only, never a downloaded one. */
export function goEnv(
  base: Record<string, string | undefined>,
  goroot: string
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v
  env.GOROOT = goroot
  env.GOTOOLCHAIN = 'local'
  env.PATH = `${goroot}/bin${env.PATH ? `:${env.PATH}` : ''}`
  return env
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

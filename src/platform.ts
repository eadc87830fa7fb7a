// Parses the platforms input into the os/arch/variant triples an image index and `go build` both need.
import { InputError } from './ports.js'

export interface Platform {
  os: string
  architecture: string
  variant?: string
}

// What Go can build statically and a scratch image can run: the platforms with an OCI meaning.
const KNOWN: Record<string, string[]> = {
  amd64: ['', 'v1', 'v2', 'v3', 'v4'],
  arm64: ['', 'v8'],
  arm: ['v6', 'v7', ''],
  '386': [''],
  ppc64le: [''],
  s390x: [''],
  riscv64: ['']
}

export function platformString(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

// The variant an architecture has when none is named, as containerd's and ko's platform matchers take it.
const IMPLIED_VARIANT: Record<string, string> = { amd64: 'v1', arm64: 'v8', arm: 'v7' }

/**
 * One form for platforms that are the same machine: arm64 = arm64/v8, amd64 = amd64/v1 (written without the
 * variant), arm = arm/v7 (written with it, as GOARM=7 and registries have it); a bare number variant (8) is
 * taken as v8. Every comparison of platforms goes through it, so a baseline or a Docker config that spells a
 * platform the other way still matches.
 */
export function normalisePlatform(p: Platform): Platform {
  const implied = IMPLIED_VARIANT[p.architecture]
  let variant = p.variant ? p.variant.replace(/^(\d)/, 'v$1') : undefined
  if (p.architecture === 'arm') variant ??= implied
  else if (variant === implied) variant = undefined
  return variant
    ? { os: p.os, architecture: p.architecture, variant }
    : { os: p.os, architecture: p.architecture }
}

/** The normalised os/arch[/variant], for keys and comparisons. */
export function platformKey(p: Platform): string {
  return platformString(normalisePlatform(p))
}

export function parsePlatforms(input: string): Platform[] {
  const items = input
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(Boolean)
  if (items.length === 0) return [{ os: 'linux', architecture: 'amd64' }]
  const seen = new Set<string>()
  return items.map(item => {
    const [os, architecture, variant, extra] = item.split('/')
    // hasOwn: an arch such as constructor must not find what every object has.
    const variants =
      architecture && Object.hasOwn(KNOWN, architecture) ? KNOWN[architecture] : undefined
    if (
      os !== 'linux' ||
      !architecture ||
      !variants ||
      extra !== undefined ||
      !variants.includes(variant ?? '')
    ) {
      throw new InputError(
        `platforms: '${item}' is not a supported platform. Use os/arch[/variant] with os linux and arch one of ` +
          `${Object.keys(KNOWN).join(', ')}, e.g. linux/amd64, linux/arm64, linux/arm/v7.`
      )
    }
    const p = normalisePlatform({ os, architecture, variant: variant || undefined })
    const key = platformString(p)
    if (seen.has(key))
      throw new InputError(`platforms: '${key}' is listed twice; list each platform once.`)
    seen.add(key)
    return p
  })
}

/** GOOS, GOARCH and the variant variables (GOARM, GOAMD64) for one platform. */
export function platformGoEnv(p: Platform): Record<string, string> {
  const env: Record<string, string> = { GOOS: p.os, GOARCH: p.architecture }
  if (p.architecture === 'arm' && p.variant) env.GOARM = p.variant.slice(1)
  if (p.architecture === 'amd64' && p.variant) env.GOAMD64 = p.variant
  return env
}

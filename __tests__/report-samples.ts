// Reports as a build writes them (sizes, packages, modules, a comparison), for the comment's tests.
import type { Baseline } from '../src/registry/baseline.js'
import { compare } from '../src/report/gate.js'
import type { PackageSize } from '../src/report/packages.js'
import {
  diffReports,
  REPORT_ARTIFACT_TYPE,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportModule
} from '../src/report/report.js'
import type { PlatformSize } from '../src/report/size.js'

export const BASE_PACKAGES: PackageSize[] = [
  { name: 'runtime', bytes: 1_204_512 },
  { name: '(runtime and linker)', bytes: 980_000 },
  { name: 'net/http', bytes: 812_345 },
  { name: 'golang.org/x/net/http2', bytes: 301_000 },
  { name: 'encoding/json', bytes: 120_400 },
  { name: 'main', bytes: 4_100 }
]

export const BASE_MODULES: ReportModule[] = [
  { path: 'example.com/app', version: '(devel)' },
  { path: 'golang.org/x/net', version: 'v0.20.0' },
  { path: 'golang.org/x/text', version: 'v0.14.0' }
]

function platform(binary: number, binaryTar: number): PlatformSize {
  const layers = [
    { name: 'certificates', digest: 'sha256:c1', size: 125_210, uncompressedSize: 219_336 },
    { name: 'zoneinfo', digest: 'sha256:z1', size: 118_406, uncompressedSize: 458_752 },
    { name: 'system', digest: 'sha256:s1', size: 213, uncompressedSize: 79 },
    { name: 'binary', digest: `sha256:b${binary}`, size: binary, uncompressedSize: binaryTar }
  ]
  return {
    platform: 'linux/amd64',
    size: 1_045 + layers.reduce((n, l) => n + l.size, 0),
    uncompressedSize: layers.reduce((n, l) => n + l.uncompressedSize, 0),
    configSize: 1_045,
    binarySize: binaryTar - 1_024,
    layers
  }
}

export function report(
  binary: number,
  binaryTar: number,
  packages: PackageSize[],
  modules: ReportModule[]
): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    mediaType: REPORT_ARTIFACT_TYPE,
    image: '127.0.0.1:5000/acme/app',
    digest: `sha256:${String(binary).padStart(64, '0')}`,
    goVersion: '1.22.5',
    platforms: [platform(binary, binaryTar)],
    binary: {
      platform: 'linux/amd64',
      path: 'example.com/app',
      goVersion: 'go1.22.5',
      size: binaryTar - 1_024,
      modules,
      packages
    }
  }
}

export const BASELINE = report(2_650_000, 6_300_160, BASE_PACKAGES, BASE_MODULES)

/** A run's report file: the attached part of `now`, compared with BASELINE, under a budget. */
export function compared(
  now: Report,
  budget: { maxSize?: number; increase?: string; failures?: string[] } = {}
): Report {
  const b = BASELINE.platforms[0]!
  const baseline: Baseline = {
    reference: '127.0.0.1:5000/acme/app:main',
    digest: BASELINE.digest,
    platform: b.platform,
    size: b.size,
    configSize: b.configSize,
    layers: b.layers.map(l => ({ name: l.name, digest: l.digest, size: l.size }))
  }
  return {
    ...now,
    tags: ['pr-7'],
    pushed: true,
    budget: {
      ...(budget.maxSize ? { maxSize: { bytes: budget.maxSize, raw: '4MB' } } : {}),
      ...(budget.increase ? { maxSizeIncrease: budget.increase } : {}),
      failures: budget.failures ?? []
    },
    comparison: {
      baseline: baseline.reference,
      platforms: now.platforms.map(p => compare(p, baseline)),
      packages: diffReports(baseline.reference, BASELINE, now)
    },
    pullRequest: 7,
    run: 'https://github.com/acme/app/actions/runs/42'
  }
}

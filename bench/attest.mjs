#!/usr/bin/env node
// Benchmark of what the SBOM and the signed provenance add to a step: a warm two-platform release step (a changed
// source, warm Go caches, a push to the loopback registry) with sbom: none and provenance: false, with the SPDX
// SBOM alone, and with the SBOM and provenance (signed against @sigstore/mock's Fulcio and Rekor, a token from an
// emulated Actions OIDC service and a local GitHub attestations API: __tests__/sigstore-services.ts, all on
// 127.0.0.1), in alternating order, with the phases the step reports. What the real Sigstore and GitHub add on
// top is their round trips (see docs/benchmarks.md). Runs a copy of dist/ (or GSI_DIST) through bench/action.mjs.
// Usage: node bench/attest.mjs [rounds=5] [program=hello]   (a folder of examples/ or bench/fixtures/; start
// scripts/test-env.sh first)
import { access, cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import ts from 'typescript'
import { benchScratch, median, registry, root, runAction } from './action.mjs'

const rounds = Number(process.argv[2] ?? 5)
const program = process.argv[3] ?? 'hello'
const scratch = await benchScratch('gsi-bench-attest-')

/** The test helper transpiled next to a node_modules link, so this script can start the same local services. */
async function loadServices() {
  const dir = path.join(scratch, 'services')
  await mkdir(dir)
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  const source = await readFile(path.join(root, '__tests__', 'sigstore-services.ts'), 'utf8')
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }
  }).outputText
  await writeFile(path.join(dir, 'sigstore-services.mjs'), js)
  return import(path.join(dir, 'sigstore-services.mjs'))
}

const { startSigstoreServices, verifyAttestation } = await loadServices()
const svc = await startSigstoreServices()
const sigstoreEnv = {
  ...svc.env(),
  GSI_TEST_ONLY_SIGSTORE_ENDPOINTS: JSON.stringify({
    fulcioURL: svc.fulcioURL,
    rekorURL: svc.rekorURL,
    oidcIssuer: svc.issuer
  })
}

const work = path.join(await mkdtemp(path.join(scratch, 'work-')), program)
// A folder of examples/, or of bench/fixtures/ (httpbin: a service of go-httpbin's size).
const source = await access(path.join(root, 'examples', program)).then(
  () => path.join(root, 'examples', program),
  () => path.join(root, 'bench', 'fixtures', program)
)
await cp(source, work, { recursive: true })
const gocache = await mkdtemp(path.join(scratch, 'gocache-'))
const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
const stamp = Date.now().toString(36)
let changes = 0
/** A new binary every step (a changed string in an init), as a release of a new commit has. */
const change = () =>
  writeFile(
    path.join(work, 'zz_bench_stamp.go'),
    `package main\n\nfunc init() { benchStamp = "${stamp}-${++changes}" }\n\nvar benchStamp string\n`
  )

const configs = [
  { name: 'sbom none, provenance false', inputs: { sbom: 'none', provenance: 'false' } },
  { name: 'sbom spdx', inputs: { sbom: 'spdx', provenance: 'false' } },
  {
    name: 'sbom spdx + provenance',
    inputs: { sbom: 'spdx', provenance: 'true', 'github-token': 'ghs_bench' },
    env: sigstoreEnv
  }
]

async function step(config, i) {
  await change()
  const image = `${registry}/bench/attest-${stamp}-${i}-${configs.indexOf(config)}`
  const r = await runAction({
    scratch,
    work,
    toolCache,
    gocache,
    env: config.env,
    inputs: {
      image,
      tags: 'v1',
      platforms: 'linux/amd64,linux/arm64',
      'package-sizes': 'false',
      ...config.inputs
    }
  })
  if (config.env) {
    // The step really signed: GitHub got a bundle that verifies for the pushed digest.
    const stored = svc.stored.get(r.outputs['attestation-id'])
    verifyAttestation(stored.bundle, svc.trustedRoot, r.outputs.digest)
  }
  return r
}

// Warm-up: Go installed, module and build caches filled, the static layers in the layer cache.
for (const c of configs) await step(c, 0)

const results = new Map(configs.map(c => [c, []]))
for (let i = 1; i <= rounds; i++) {
  // Rotating order: no configuration always runs first after the previous round.
  const order = configs.map((_, k) => configs[(k + i) % configs.length])
  for (const c of order) results.get(c).push(await step(c, i))
}
await svc.close()

const base = median(results.get(configs[0]).map(r => r.wall))
const phase = (rs, re) =>
  median(
    rs.map(r =>
      Object.entries(r.groups)
        .filter(([k]) => re.test(k))
        .reduce((s, [, v]) => s + v, 0)
    )
  )
console.log(
  `${program}, linux/amd64 + linux/arm64, ${rounds} rounds after one warm-up, medians (s); ratio to the first row; CPU: user + system of the step and its children`
)
console.log('| step | wall | ratio | CPU | sbom | sign | attach | store with GitHub |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const c of configs) {
  const rs = results.get(c)
  const wall = median(rs.map(r => r.wall))
  const cpu = rs.every(r => r.cpu !== undefined) ? median(rs.map(r => r.cpu)).toFixed(2) : '-'
  console.log(
    `| ${c.name} | ${wall.toFixed(2)} | ${(wall / base).toFixed(2)} | ${cpu} | ${phase(rs, /SBOM/i).toFixed(2)} | ${phase(rs, /^Sign /).toFixed(2)} | ${phase(rs, /^Attach /).toFixed(2)} | ${phase(rs, /^Store the attestations/).toFixed(2)} |`
  )
}
for (const c of configs) {
  console.log(
    `${c.name}: ${results
      .get(c)
      .map(r => r.wall.toFixed(2))
      .join(' ')}`
  )
}

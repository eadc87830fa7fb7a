#!/usr/bin/env node
// Benchmark of what the vulnerability check adds to a warm step (the database cached in the tool cache): reading
// db.json from a database on 127.0.0.1, the modules index and the entries from the cache, the binary's function
// table (pclntab and inline trees) and the matching, on go-httpbin's binary (bench/fixtures/httpbin, built as the
// action builds it) against a database the size of vuln.go.dev's, generated. Each warm run is a fresh Node process,
// as each step is: nothing is JIT-warm. Target: at most 0.1 s in all. Needs Go only; uses its own GOCACHE.
// Usage: node bench/vuln.mjs [runs=7]
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'

const exec = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** src/ and the database fixture, transpiled as they are (no bundle, no type check) under one temp root. */
export async function transpiled() {
  const out = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-vuln-src-'))
  const emit = async rel => {
    const full = path.join(root, rel)
    const entries = await readdir(full, { withFileTypes: true }).catch(() => undefined)
    if (entries) {
      for (const e of entries) await emit(path.join(rel, e.name))
      return
    }
    if (!rel.endsWith('.ts')) return
    const { outputText } = ts.transpileModule(await readFile(full, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }
    })
    await mkdir(path.dirname(path.join(out, rel)), { recursive: true })
    await writeFile(path.join(out, rel.replace(/\.ts$/, '.js')), outputText)
  }
  await emit('src')
  await emit(path.join('__tests__', 'fixtures', 'vuln', 'database.ts'))
  await writeFile(path.join(out, 'package.json'), '{"type":"module"}')
  // The transpiled sources import packages (zod, semver, …) from the repository's node_modules.
  await exec('ln', ['-s', path.join(root, 'node_modules'), path.join(out, 'node_modules')])
  return out
}

/**
 * Times fn into out[name]: wall-clock milliseconds, and CPU milliseconds of the whole process (libuv's file
 * threads included), which a machine shared with other jobs disturbs less.
 */
async function phase(out, name, fn) {
  const wall = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  const value = await fn()
  const used = process.cpuUsage(cpu)
  out[name] = Number(process.hrtime.bigint() - wall) / 1e6
  out[`${name}Cpu`] = (used.user + used.system) / 1000
  return value
}

/** One warm step in this process: what the check costs with the database cached. Prints its phases as JSON. */
async function child(src, url, cacheDir, binaryPath) {
  const t = {}
  const load = file => import(pathToFileURL(path.join(src, file)).href)
  const [
    { openVulnDb },
    { binaryModules, matchFindings },
    { functionNames, tableFromNames },
    { readBuildInfo }
  ] = await phase(t, 'load', () =>
    Promise.all(
      [
        'src/vuln/database.js',
        'src/vuln/match.js',
        'src/vuln/symbols.js',
        'src/compile/buildinfo.js'
      ].map(load)
    )
  )
  const { binary, info, modules } = await phase(t, 'buildinfo', async () => {
    const binary = await readFile(binaryPath)
    const info = readBuildInfo(binary)
    return { binary, info, modules: binaryModules(info) }
  })
  const open = () => openVulnDb({ url, fetch: globalThis.fetch, cacheDir })
  // The process's first request loads Node's fetch (undici); in the action some request has done so before.
  await phase(t, 'firstRequest', open)
  const db = await phase(t, 'dbJson', open)
  const entries = await phase(t, 'entries', () => db.entriesFor(modules))
  const { names, table } = await phase(t, 'table', async () => {
    const names = functionNames(binary)
    return { names, table: tableFromNames(names, info.path) }
  })
  const findings = await phase(t, 'match', async () =>
    matchFindings({
      modules,
      entries,
      symbols: table,
      goos: 'linux',
      goarch: 'amd64',
      now: new Date()
    })
  )
  // The same lookup as the action runs it: its two stages (src/vuln/stages.ts) on the run's HTTP layer
  // (undici, serviceFetch's retry policy), with their own cache folder under the tool cache. The first request
  // through the transport loads undici: in the action the registry's ping has done that already.
  const { vulnDbStage, vulnsStage } = await load('src/vuln/stages.js')
  const { httpTransport } = await load('src/http/transport.js')
  const transport = httpTransport({ timeoutMs: 60_000 })
  await transport(`${url}/index/db.json.gz`).then(r => r.arrayBuffer())
  const options = { vulnerabilities: 'report', vulnDb: url, vulnAllow: [] }
  const quiet = { info() {}, warning() {}, debug() {}, group: (_n, f) => f(), mask() {} }
  const vulnDb = await phase(t, 'stageDb', () =>
    vulnDbStage(options, { fetch: transport, toolCacheDir: cacheDir }).run({}, quiet)
  )
  const checked = await phase(t, 'stageCheck', () =>
    vulnsStage(options).run(
      { binaries: new Map([['linux/amd64', { path: binaryPath }]]), vulnDb },
      quiet
    )
  )
  await transport.close()
  console.log(
    JSON.stringify({
      ...t,
      stageReachable: checked.section.reachable,
      functions: names.length,
      fetched: [...entries.values()].reduce((a, e) => a + e.length, 0),
      reachable: findings.filter(f => f.reachability === 'reachable').length,
      moduleOnly: findings.filter(f => f.reachability === 'module-only').length
    })
  )
}

/**
 * A database shaped like vuln.go.dev's: `modules` third-party modules with `refs` vulnerabilities between them,
 * and `std` standard library entries, most of them open at go1.19.8, on packages and functions the binary has
 * (half the symbols real, half not) with details as long as real reports'.
 */
export function syntheticEntries(funcNames, { modules = 2500, refs = 4500, std = 250 } = {}) {
  const details = 'An attacker can cause excessive resource use. '.repeat(35)
  const stdFuncs = funcNames.filter(n => /^[a-z]+(\/[a-z0-9]+)*\.[A-Z]/.test(n) && !n.includes('['))
  const entries = []
  const id = n => `GO-20${20 + (n % 6)}-${String(1000 + n).padStart(4, '0')}`
  for (let n = 0; n < std; n++) {
    const real = stdFuncs[(n * 7919) % stdFuncs.length]
    const dot = real.indexOf('.', real.lastIndexOf('/') + 1)
    const pkg = real.slice(0, dot)
    const symbol = real.slice(dot + 1).replace(/^\(\*([^)]*)\)/, '$1')
    entries.push({
      id: id(n),
      modified: '2025-06-01T00:00:00Z',
      published: '2024-01-01T00:00:00Z',
      aliases: [`CVE-2024-${10000 + n}`],
      summary: `Synthetic standard library issue ${n} in ${pkg}`,
      details,
      affected: [
        {
          package: { name: 'stdlib', ecosystem: 'Go' },
          ranges: [
            {
              type: 'SEMVER',
              // Three in four still open at 1.19.8, as for an old toolchain.
              events: [{ introduced: '0' }, { fixed: n % 4 === 0 ? '1.18.5' : '1.21.12' }]
            }
          ],
          ecosystem_specific: {
            imports: [
              { path: pkg, symbols: n % 2 === 0 ? [symbol] : [`${symbol}Unused`, 'NotThere'] }
            ]
          }
        }
      ],
      database_specific: { url: `https://pkg.go.dev/vuln/${id(n)}` }
    })
  }
  for (let n = 0; n < refs; n++) {
    const module = `github.com/org${(n * 31) % modules}/mod${(n * 17) % modules}`
    entries.push({
      id: id(std + n),
      modified: '2025-06-01T00:00:00Z',
      aliases: [],
      summary: `Synthetic module issue ${n}`,
      details,
      affected: [
        {
          package: { name: module, ecosystem: 'Go' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }],
          ecosystem_specific: { imports: [{ path: module, symbols: ['Parse'] }] }
        }
      ]
    })
  }
  return entries
}

async function main() {
  const runs = Number(process.argv[2] ?? 7)
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-vuln-'))
  try {
    const src = await transpiled()
    const binary = path.join(tmp, 'httpbin')
    const env = {
      ...process.env,
      CGO_ENABLED: '0',
      GOCACHE: path.join(tmp, 'gocache'),
      GOFLAGS: ''
    }
    await exec('go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', binary, '.'], {
      cwd: path.join(root, 'bench', 'fixtures', 'httpbin'),
      env
    })
    const { functionNames } = await import(
      pathToFileURL(path.join(src, 'src/vuln/symbols.js')).href
    )
    const { writeVulnDb, serveDir } = await import(
      pathToFileURL(path.join(src, '__tests__/fixtures/vuln/database.js')).href
    )
    const entries = syntheticEntries(functionNames(await readFile(binary)))
    const dbDir = path.join(tmp, 'db')
    await writeVulnDb(dbDir, entries)
    const sizes = {}
    for (const f of ['index/modules.json', 'index/modules.json.gz'])
      sizes[f] = (await readFile(path.join(dbDir, f))).length
    const served = await serveDir(dbDir)
    const cacheDir = path.join(tmp, 'cache')
    // Each step asks for db.json four times (see child: twice by openVulnDb, once to load undici, once by the
    // vulnDb stage): the requests counted are divided by four.
    const step = async () =>
      JSON.parse(
        (
          await exec(process.execPath, [
            fileURLToPath(import.meta.url),
            '--child',
            src,
            served.url,
            cacheDir,
            binary
          ])
        ).stdout
      )
    try {
      const cold = await step()
      served.requests.length = 0
      const warm = []
      for (let i = 0; i < runs; i++) warm.push(await step())
      const median = k =>
        [...warm.map(w => w[k])].sort((a, b) => a - b)[Math.floor(warm.length / 2)]
      const phases = ['buildinfo', 'dbJson', 'entries', 'table', 'match']
      const sums = suffix =>
        warm.map(w => phases.reduce((a, k) => a + w[k + suffix], 0)).sort((a, b) => a - b)
      const line = (w, suffix) => phases.map(k => `${k} ${w(k + suffix).toFixed(1)}`).join(', ')
      const binarySize = (await readFile(binary)).length
      console.log(`go-httpbin binary: ${binarySize} bytes, ${cold.functions} function names`)
      console.log(
        `database: ${entries.length} entries; index/modules.json ${sizes['index/modules.json']} bytes ` +
          `(${sizes['index/modules.json.gz']} gzipped); ${cold.fetched} entries apply to the binary's modules`
      )
      console.log(`findings: ${cold.reachable} reachable, ${cold.moduleOnly} module-only`)
      console.log(`cold (fills the cache), wall ms: ${line(k => cold[k], '')}`)
      for (const [what, suffix] of [
        ['wall', ''],
        ['CPU', 'Cpu']
      ]) {
        const total = sums(suffix)
        console.log(
          `warm, median of ${runs} fresh processes, ${what} ms: ${line(median, suffix)}; total ` +
            `${total[Math.floor(runs / 2)].toFixed(1)} (min ${total[0].toFixed(1)}, max ${total[runs - 1].toFixed(1)})`
        )
      }
      for (const [what, suffix] of [
        ['wall', ''],
        ['CPU', 'Cpu']
      ]) {
        const stage = warm
          .map(w => w[`stageDb${suffix}`] + w[`stageCheck${suffix}`])
          .sort((a, b) => a - b)
        console.log(
          `the action's stages (vulnDb + vulns, on the HTTP layer), warm, ${what} ms: vulnDb ` +
            `${median(`stageDb${suffix}`).toFixed(1)}, vulns ${median(`stageCheck${suffix}`).toFixed(1)}; total ` +
            `${stage[Math.floor(runs / 2)].toFixed(1)} (min ${stage[0].toFixed(1)}, max ${stage[runs - 1].toFixed(1)})`
        )
      }
      if (cold.stageReachable !== cold.reachable)
        throw new Error(
          `the stages found ${cold.stageReachable} reachable, the phases ${cold.reachable}`
        )
      console.log(
        `not counted (wall ms): loading the modules ${median('load').toFixed(1)} (the action's start-up, once ` +
          `bundled), the process's first request ${median('firstRequest').toFixed(1)} (loads Node's fetch)`
      )
      console.log(
        `warm requests per step: ${served.requests.length / runs / 4} (${[...new Set(served.requests.map(r => r.path))].join(', ')})`
      )
    } finally {
      await served.close()
    }
    await rm(src, { recursive: true, force: true })
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

// bench/vuln-step.mjs imports the database's generator from here.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--child') await child(...process.argv.slice(3))
  else await main()
}

// Writes a bundle's licenses.txt from ncc's webpack stats: ncc writes one licence file per chunk under the same
// name, so a dependency that splits off a chunk (cacache's dynamic import of p-map) leaves only that chunk's.
// Usage: node scripts/licenses.mjs STATS_JSON OUT_FILE
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const [statsFile, outFile] = process.argv.slice(2)
if (!statsFile || !outFile) {
  console.error('usage: node scripts/licenses.mjs STATS_JSON OUT_FILE')
  process.exit(2)
}
const stats = JSON.parse(readFileSync(statsFile, 'utf8'))
const root = process.cwd()

/** Every module name in the stats, concatenated modules included. */
function* names(modules) {
  for (const m of modules ?? []) {
    if (m.name) yield m.name
    yield* names(m.modules)
  }
}

// The innermost node_modules/<package> of each path: a nested copy is its own package with its own licence.
const packageDirs = new Set()
for (const name of names(stats.modules)) {
  const file = name.replace(/^\.\//, '')
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)
  if (m) packageDirs.add(path.resolve(root, m[1]))
  // A generated source carries a package's code without importing it (the libdeflate wasm): its first line names it.
  if (/\.generated\.js$/.test(file) && existsSync(path.resolve(root, file))) {
    const from = /^\/\/ Generated from (node_modules\/(?:@[^/]+\/)?[^/ ]+)/.exec(
      readFileSync(path.resolve(root, file), 'utf8')
    )
    if (from) packageDirs.add(path.resolve(root, from[1]))
  }
}

const entries = []
for (const dir of packageDirs) {
  const file = path.join(dir, 'package.json')
  if (!existsSync(file)) continue
  const pkg = JSON.parse(readFileSync(file, 'utf8'))
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN')
  const text = readdirSync(dir).find(f => /^(licen[cs]e|copying)(\.|$)/i.test(f))
  entries.push({
    name: pkg.name ?? path.basename(dir),
    license,
    text: text ? readFileSync(path.join(dir, text), 'utf8').trim() : ''
  })
}
// One entry per package name and licence text: several copies of one package need it once.
const seen = new Set()
const out = entries
  .sort((a, b) => a.name.localeCompare(b.name) || a.text.localeCompare(b.text))
  .filter(e => {
    const key = `${e.name}\0${e.text}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  .map(e => `${e.name}\n${e.license}\n${e.text}\n`)
  .join('\n')
writeFileSync(outFile, out)
console.log(`${outFile}: ${seen.size} packages`)

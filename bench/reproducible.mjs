#!/usr/bin/env node
// Reproducible digests and incremental pushes, checked against the real registry:
// 1. the same source built twice, from two copies at different paths with different file mtimes and each with
//    its own empty Go build cache, with the same source-date-epoch, pushed as bench/repro:a and :b, gives one
//    digest (the registry's and the action's `digest` output);
// 2. pushing the unchanged image again, through a counting proxy in front of the registry, uploads no blob;
// 3. after a one-string change to the Go source (new in each run of the script), the push uploads the binary
//    layer and the config only.
// Exits 1 when any of these fails. Every run uses one copy of dist/ taken at the start, run through
// bench/action.mjs.
// Usage: node bench/reproducible.mjs [source-date-epoch=1700000000]   (start scripts/test-env.sh first)
/* global fetch */
import { cp, mkdir, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { URLSearchParams } from 'node:url'
import { benchScratch, registry, root, runAction } from './action.mjs'

const epoch = process.argv[2] ?? '1700000000'
const repo = 'bench/repro'

const scratch = await benchScratch('gsi-bench-repro-')
const toolCache = path.join(scratch, 'tool-cache')

/** Sets the mtime of every file and directory under dir (the directory itself too). */
async function touchAll(dir, when) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) await touchAll(p, when)
    else await utimes(p, when, when)
  }
  await utimes(dir, when, when)
}

async function copyExample(where, when) {
  const dir = path.join(scratch, where, 'fileserver')
  await mkdir(path.dirname(dir), { recursive: true })
  await cp(path.join(root, 'examples', 'fileserver'), dir, { recursive: true })
  await touchAll(dir, when)
  return dir
}

/** One action run pushing work's image to image:tag. */
async function action(work, image, tag, gocache) {
  const { stdout, outputs } = await runAction({
    scratch,
    work,
    toolCache,
    gocache,
    inputs: { image, tags: tag, files: 'public:/public', 'source-date-epoch': epoch }
  })
  const [sizes] = Object.values(JSON.parse(outputs.sizes))
  return { outputs, layers: sizes.layers, blobs: /^blobs: (.*)$/m.exec(stdout)?.[1] ?? '' }
}

/** The digest the registry itself reports for a tag. */
async function registryDigest(tag) {
  const res = await fetch(`http://${registry}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept: [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.docker.distribution.manifest.v2+json'
      ].join(', ')
    }
  })
  return res.headers.get('docker-content-digest')
}

// A counting proxy in front of the registry. It keeps the Host header, so the registry writes the proxy's
// address into upload Location URLs and the whole push comes back through it.
const [regHost, regPort] = registry.split(':')
let seen = []
const proxy = http.createServer((req, res) => {
  const entry = { method: req.method, url: req.url, bytes: 0 }
  seen.push(entry)
  req.on('data', chunk => (entry.bytes += chunk.length))
  const upstream = http.request(
    {
      host: regHost,
      port: Number(regPort),
      method: req.method,
      path: req.url,
      headers: req.headers
    },
    up => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    }
  )
  upstream.on('error', e => {
    res.writeHead(502)
    res.end(String(e))
  })
  req.pipe(upstream)
})
await new Promise(resolve => proxy.listen(0, '127.0.0.1', resolve))
const viaProxy = `127.0.0.1:${proxy.address().port}/${repo}`

// Upload sessions carry an opaque _state; digests are cut to 12 hex digits.
const short = r =>
  `${r.method} ${decodeURIComponent(r.url)
    .replace(/\/blobs\/uploads\/[^?]*(\?.*)?$/, (_, q) => {
      const digest = new URLSearchParams(q ?? '').get('digest')
      return `/blobs/uploads/<session>${digest ? `?digest=${digest}` : ''}`
    })
    .replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1…')}`
const isUpload = r =>
  ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url.includes('/blobs/uploads/')
const summarise = requests => ({
  uploads: requests.filter(isUpload),
  posts: requests.filter(r => r.method === 'POST' && r.url.includes('/blobs/uploads/')).length,
  blobHeads: requests.filter(r => r.method === 'HEAD' && r.url.includes('/blobs/')).length,
  manifestPuts: requests.filter(r => r.method === 'PUT' && r.url.includes('/manifests/')).length,
  uploadBytes: requests.filter(isUpload).reduce((n, r) => n + r.bytes, 0),
  total: requests.length
})

const failures = []
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures.push(what)
}

try {
  // 1. Two copies: different paths and depths, mtimes 2001-09-09 against now, a cold Go build cache each.
  const a = await copyExample('a', new Date(1000000000 * 1000))
  const b = await copyExample(path.join('second', 'checkout', 'b'), new Date())
  const runA = await action(a, `${registry}/${repo}`, 'a', path.join(scratch, 'gocache-a'))
  const runB = await action(b, `${registry}/${repo}`, 'b', path.join(scratch, 'gocache-b'))
  const [regA, regB] = [await registryDigest('a'), await registryDigest('b')]
  console.log(`source-date-epoch ${epoch}; examples/fileserver with files: public:/public`)
  console.log(`copy a: ${a} (mtimes 2001-09-09), pushed as ${registry}/${repo}:a`)
  console.log(`copy b: ${b} (mtimes now), pushed as ${registry}/${repo}:b`)
  console.log(`| tag | action digest output | registry digest | size B |`)
  console.log(`|---|---|---|---|`)
  console.log(`| a | ${runA.outputs.digest} | ${regA} | ${runA.outputs.size} |`)
  console.log(`| b | ${runB.outputs.digest} | ${regB} | ${runB.outputs.size} |`)
  check(
    runA.outputs.digest === runB.outputs.digest && regA === regB && regA === runA.outputs.digest,
    'a and b have one digest, in the registry and in the digest output'
  )

  // 2. The unchanged source again (copy b, its build cache warm), through the counting proxy.
  seen = []
  const runC = await action(b, viaProxy, 'c', path.join(scratch, 'gocache-b'))
  const c = summarise(seen)
  console.log(
    `unchanged re-push as :c via the proxy: ${c.total} requests, ${c.uploads.length} blob upload requests, ` +
      `${c.uploadBytes} bytes uploaded, ${c.blobHeads} blob HEADs, ${c.manifestPuts} manifest PUTs; ` +
      `action log: "${runC.blobs}"`
  )
  console.log(`  ${seen.map(short).join('\n  ')}`)
  check(runC.outputs.digest === runA.outputs.digest, 'the re-push has the same digest')
  check(c.uploads.length === 0, 'the unchanged re-push sends no blob upload request')

  // 3. One string changed in main.go, in a third copy.
  const d = await copyExample('d', new Date())
  const main = path.join(d, 'main.go')
  const source = await readFile(main, 'utf8')
  // A new string each time the script runs: the registry keeps the blobs of earlier runs, and a change it had
  // seen before would upload nothing (the build is reproducible across runs too).
  const changed = source.replace(
    '"serving %s on %s"',
    `"serving %s on %s (build ${Date.now().toString(36)})"`
  )
  if (changed === source)
    throw new Error(`main.go of examples/fileserver has no "serving %s on %s"`)
  await writeFile(main, changed)
  seen = []
  const runD = await action(d, viaProxy, 'd', path.join(scratch, 'gocache-b'))
  const dd = summarise(seen)
  const names = new Map(runD.layers.map(l => [l.digest, `${l.name} layer`]))
  const configDigest = JSON.parse(
    await (
      await fetch(`http://${registry}/v2/${repo}/manifests/d`, {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' }
      })
    ).text()
  ).config.digest
  names.set(configDigest, 'config')
  const uploaded = dd.uploads
    .filter(r => r.method === 'PUT')
    .map(r => new URL(r.url, 'http://x').searchParams.get('digest'))
  console.log(
    `changed source as :d via the proxy: ${dd.total} requests, ${dd.uploads.length} blob upload requests ` +
      `(${dd.posts} POST), ${dd.uploadBytes} bytes uploaded of the image's ${runD.outputs.size}, ` +
      `${dd.blobHeads} blob HEADs, ${dd.manifestPuts} manifest PUTs; action log: "${runD.blobs}"`
  )
  console.log(`  ${seen.map(short).join('\n  ')}`)
  console.log(
    `  uploaded: ${uploaded.map(x => `${names.get(x) ?? 'unknown blob'} ${x.slice(0, 19)}`).join(', ')}`
  )
  check(runD.outputs.digest !== runA.outputs.digest, 'the changed source has a new digest')
  check(dd.posts === 2, 'the changed source starts exactly 2 uploads')
  check(
    uploaded.length === 2 &&
      uploaded.some(x => names.get(x) === 'binary layer') &&
      uploaded.some(x => names.get(x) === 'config'),
    'the 2 uploads are the binary layer and the config'
  )
} finally {
  proxy.close()
  await rm(scratch, { recursive: true, force: true })
}
if (failures.length) {
  console.log(`${failures.length} expectation(s) failed`)
  process.exit(1)
}

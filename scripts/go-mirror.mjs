#!/usr/bin/env node
// A Go release mirror for tests: serves releases.json at /?mode=json and the tarballs beside it, on 127.0.0.1.
// /corrupt/ serves the same files with a wrong sha256 in the list, to prove a bad download is refused.
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'

const dir = process.argv[2]
const port = Number(process.argv[3] ?? 5080)
if (!dir) {
  console.error('usage: go-mirror.mjs DIR [PORT]')
  process.exit(2)
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const corrupt = url.pathname.startsWith('/corrupt/')
  const rel = corrupt ? url.pathname.slice('/corrupt'.length) : url.pathname
  if (rel === '/' && url.searchParams.get('mode') === 'json') {
    const releases = JSON.parse(readFileSync(path.join(dir, 'releases.json'), 'utf8'))
    if (corrupt)
      for (const r of releases)
        for (const f of r.files) f.sha256 = f.sha256.replace(/^./, c => (c === '0' ? '1' : '0'))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(releases))
    return
  }
  const name = path.basename(rel)
  const file = path.join(dir, name)
  if (!/^go[\w.-]+\.tar\.gz$/.test(name)) {
    res.writeHead(404).end('not found\n')
    return
  }
  let size
  try {
    size = statSync(file).size
  } catch {
    res.writeHead(404).end('not found\n')
    return
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
})
server.listen(port, '127.0.0.1', () =>
  console.log(`go mirror on http://127.0.0.1:${port}/ serving ${dir}`)
)

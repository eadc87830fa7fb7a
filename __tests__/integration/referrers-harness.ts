// Helpers of the referrers tests: what the real registry and a layout hold, and a registry that refuses artifact manifests.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Descriptor } from '../../src/oci/artifact.js'
import { skopeo } from './commands.js'
import { REGISTRY } from './registries.js'

/** Whether the real registry has the tag, asked directly (not through a proxy). */
export async function hasTag(repo: string, tag: string): Promise<boolean> {
  const r = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${REGISTRY}/${repo}:${tag}`
  ])
  return r.code === 0
}

export async function rawManifest(ref: string): Promise<Record<string, unknown>> {
  const r = await skopeo(['inspect', '--raw', '--tls-verify=false', ref])
  if (r.code !== 0) throw new Error(`skopeo inspect --raw ${ref}: ${r.stderr}`)
  return JSON.parse(r.stdout) as Record<string, unknown>
}

/**
 * A registry that refuses artifact manifests: a loopback proxy in front of the real registry that answers a
 * manifest PUT whose body has a subject with 400 MANIFEST_INVALID, and forwards everything else.
 */
export async function refusingProxy(
  target: string
): Promise<{ host: string; close: () => Promise<void> }> {
  const [host, port] = target.split(':')
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (
        req.method === 'PUT' &&
        /\/manifests\//.test(req.url ?? '') &&
        body.includes('"subject"')
      ) {
        const answer = JSON.stringify({
          errors: [
            { code: 'MANIFEST_INVALID', message: 'manifest invalid', detail: 'subject not allowed' }
          ]
        })
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end(answer)
        return
      }
      const up = http.request(
        { host, port: Number(port), method: req.method, path: req.url, headers: req.headers },
        upRes => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers)
          upRes.pipe(res)
        }
      )
      up.on('error', () => res.destroy())
      up.end(body)
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const { port: p } = server.address() as AddressInfo
  return {
    host: `127.0.0.1:${p}`,
    close: () =>
      new Promise(r => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}

/** The entries of a layout's index.json. */
export async function layoutEntries(dir: string): Promise<Descriptor[]> {
  const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as {
    manifests: Descriptor[]
  }
  return index.manifests
}

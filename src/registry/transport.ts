// The registries' transport: the HTTP layer's, with registry-ca-file trusted and insecure-registry's registry (its host alone) unverified; and the reading of registry-ca-file.
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { httpTransport, type HttpFetch, type TransportOptions } from '../http/transport.js'
import { InputError } from '../ports.js'

export type { TransportOptions } from '../http/transport.js'

/**
 * The fetch a registry client sends with: one attempt per call, bounded by registry-timeout (see httpTransport).
 * insecureHosts names the registry itself, so a token server or blob store on another host is verified as usual.
 */
export function registryFetch(o: TransportOptions): HttpFetch {
  return httpTransport(o)
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/**
 * Reads registry-ca-file: a readable file of one or more PEM certificates, each of which parses. Errors name
 * the input, the path and the fix.
 */
export function readCaFile(file: string, input = 'registry-ca-file'): string {
  const fix = `Point ${input} at the PEM file of the CA that signed the registry's certificate (relative paths start at the workspace).`
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? (e as Error).message})`
    throw new InputError(`${input}: '${file}' ${why}. ${fix}`)
  }
  const certs = text.match(PEM_CERT) ?? []
  if (!certs.length) {
    throw new InputError(
      `${input}: '${file}' holds no PEM certificate (-----BEGIN CERTIFICATE-----). ${fix}`
    )
  }
  certs.forEach((pem, i) => {
    try {
      new X509Certificate(pem)
    } catch {
      throw new InputError(
        `${input}: certificate ${i + 1} of '${file}' is not a valid PEM certificate. ${fix}`
      )
    }
  })
  return certs.join('\n')
}

// Self-signed certificates made with openssl: one for 127.0.0.1, as a private registry has (no default root trusts it), or another CA's.
import { execFileSync } from 'node:child_process'
import path from 'node:path'

/**
 * Writes PREFIXcert.pem and PREFIXkey.pem (EC P-256, one day) into dir with openssl: for 127.0.0.1 (its
 * subjectAltName), or with another subject and no address (a CA that signed nothing here).
 */
export function selfSignedCert(
  dir: string,
  o: { prefix?: string; subject?: string } = {}
): { cert: string; key: string } {
  const cert = path.join(dir, `${o.prefix ?? ''}cert.pem`)
  const key = path.join(dir, `${o.prefix ?? ''}key.pem`)
  const subject = o.subject
    ? ['-subj', o.subject]
    : ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      ...subject
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  return { cert, key }
}

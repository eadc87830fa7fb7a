// The test environment's two registries (open, and htpasswd with testuser/testpassword), and names no other run can take in them.
import { randomBytes } from 'node:crypto'

export const REGISTRY = process.env.GSI_REGISTRY ?? '127.0.0.1:5000'
export const AUTH_REGISTRY = process.env.GSI_AUTH_REGISTRY ?? '127.0.0.1:5001'
export const AUTH = { username: 'testuser', password: 'testpassword' }

/**
 * This test file's run: the process and random bits, since process ids repeat across machines' fresh
 * containers that share a Docker Engine or a registry.
 */
const RUN = `${process.pid}-${randomBytes(4).toString('hex')}`
let named = 0

/**
 * A name no other call, test file or concurrent run can give: for images loaded into Docker, repositories,
 * containerd namespaces. Two builds loaded under one name:tag once made a test run the other build's image.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${RUN}-${++named}`
}

/** A repository name unique to this test run, so runs never see each other's tags. */
export function uniqueRepo(name: string): string {
  return `it/${uniqueName(name)}`
}

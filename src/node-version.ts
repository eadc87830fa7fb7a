// The oldest Node.js the command line runs on, and the sentence it says on an older one (the action runs on node24).
import semver from 'semver'

/** The first Node.js with node:zlib's zstd; package.json's engines says the same. */
export const MIN_NODE = '22.15.0'

/** The error for a Node.js older than MIN_NODE (version as in process.version), or undefined when it is new enough. */
export function olderNode(version: string): string | undefined {
  if (!semver.lt(version, MIN_NODE)) return undefined
  return (
    `go-scratch-image needs Node.js ${MIN_NODE} or newer (the first with node:zlib's zstd), and this is ` +
    `Node.js ${version}. Install Node.js 24, the runtime the action itself runs on.`
  )
}

#!/usr/bin/env node
// Entry point of the bundled command line (dist/cli/index.js, the package's bin): runs it and exits with its status.
import { main } from './cli/run.js'
import { olderNode } from './node-version.js'

const older = olderNode(process.version)
if (older) {
  process.stderr.write(`${older}\n`)
  process.exitCode = 1
} else {
  process.exitCode = await main(process.argv.slice(2))
}

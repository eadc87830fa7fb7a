#!/usr/bin/env node
// Entry point of the bundled command line (dist/cli/index.js, the package's bin): runs it and exits with its status.
import { main } from './cli.js'

process.exitCode = await main(process.argv.slice(2))

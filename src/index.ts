// Entry point of the bundled action (dist/index.js), run as the main step and again as the post step.
import { compileCache } from './compile-cache.js'

compileCache(process.env)
// Loaded after the cache is on, so V8 reads the bundle's compiled code from it instead of compiling it again: ncc
// puts main.js and all it imports in a chunk of its own, and this file stays a few lines.
const { isPost, post, run } = await import('./main.js')
await (isPost() ? post() : run())

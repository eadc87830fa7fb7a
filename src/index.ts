// Entry point of the bundled action (dist/index.js), run as the main step and again as the post step.
import { isPost, post, run } from './main.js'

await (isPost() ? post() : run())

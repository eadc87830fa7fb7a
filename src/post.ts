// The post step on its own, for tools that run one entry's exported run(), such as @github/local-action's --post.
import { post } from './main.js'

/** Saves Go's caches after a successful compile (what dist/index.js does when the runner runs it as post). */
export async function run(): Promise<void> {
  await post()
}

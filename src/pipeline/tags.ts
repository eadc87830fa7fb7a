// The tags a run pushes: the tag rules in the run's Git context, with latest only on the newest release.
import type { Config } from '../config.js'
import type { Deps } from './deps.js'
import { latestOnNewest, planTags, tagPlan, type TagPlan } from '../registry/tags.js'
import { openRegistry } from './stages.js'

/**
 * The tags to push. Under tags-latest: auto, a release whose tag push would put latest on it asks image's
 * repository (pull access only) whether a newer release is already there; only then is the registry reached
 * before the build.
 */
export async function pushTags(config: Config, deps: Deps): Promise<TagPlan> {
  const planned = planTags(config.tags, config.tagFlavor, deps.env, deps.logger, {
    pushed: config.push
  })
  const image = config.image
  if (!planned.release || !config.push || !image) return tagPlan(planned)
  return latestOnNewest(
    planned,
    async () => {
      const client = await openRegistry(config, deps, image, config.credentials, { access: 'pull' })
      await client.login()
      return client.listTags()
    },
    deps.logger
  )
}

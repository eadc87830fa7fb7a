// Floating tags (1.2, 1, latest) against the in-memory registry through the real client: written after the exact version, never moved back by an older release, read back and moved on when an older run's stale write lands after this run's, and bounded when the tags never settle.
import { describe, expect, it } from '@jest/globals'
import { jsonBlob, MEDIA, sha256, type Blob } from '../../src/oci/image.js'
import { releasesIn, writeTags } from '../../src/registry/floating.js'
import { DEFAULT_FLAVOR } from '../../src/registry/tag-rules.js'
import { planTags, tagPlan, withSuffix, type TagPlan } from '../../src/registry/tags.js'
import { contextOf } from '../../src/github-context.js'
import { MemoryRegistry } from '../oci-registry.js'
import { noWait as noSleep, registryClient } from '../registry-client.js'
import { fakeLogger } from './helpers.js'

const REPO = 'acme/app'

/** An image manifest of its own for each version (the config blob is shared). */
const imageOf = (version: string): Blob =>
  jsonBlob(MEDIA.manifest, {
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: { mediaType: MEDIA.config, digest: sha256('c'), size: 1 },
    layers: [],
    annotations: { 'org.opencontainers.image.version': version }
  })

/** The tag plan a tag push of version makes with the default rules: X.Y.Z, X.Y, X and latest. */
const releasePlan = (version: string): TagPlan =>
  tagPlan(
    planTags(
      [],
      DEFAULT_FLAVOR,
      contextOf({ GITHUB_REF: `refs/tags/v${version}`, GITHUB_EVENT_NAME: 'push' })
    )
  )

function setup() {
  const reg = new MemoryRegistry({ referrersApi: false, ignoreIfMatch: true })
  reg.blobs.set(sha256('c'), Buffer.from('c'))
  const { client, logger } = registryClient(`127.0.0.1:5000/${REPO}`, {
    fetch: reg.fetch,
    sleep: noSleep
  })
  const direct = reg.handle.bind(reg)
  /** Another run's write, straight into the registry (past any hook a test puts on handle). */
  const put = (tag: string, image: Blob): void => {
    const res = direct(
      'PUT',
      new URL(`http://127.0.0.1:5000/v2/${REPO}/manifests/${tag}`),
      { 'content-type': image.mediaType },
      image.data
    )
    expect(res.status).toBe(201)
  }
  const at = (tag: string): string | undefined => reg.tagsOf(REPO).get(tag)
  const puts = (): string[] =>
    reg.requests
      .filter(r => r.method === 'PUT' && r.path.includes('/manifests/'))
      .map(r => r.path.split('/').at(-1)!)
  return { reg, client, logger, put, at, puts }
}

const noWait = { sleep: async () => undefined }

/**
 * Another run's writes (tag and image, put straight into the registry) landing just after this run's PUT of
 * after; the returned function says whether they have.
 */
function raceAfter(
  { reg, put }: ReturnType<typeof setup>,
  after: string,
  writes: [string, Blob][]
): () => boolean {
  const handle = reg.handle.bind(reg)
  let raced = false
  reg.handle = (method, url, headers, body) => {
    const answer = handle(method, url, headers, body)
    if (!raced && method === 'PUT' && url.pathname.endsWith(`/manifests/${after}`)) {
      raced = true
      for (const [tag, image] of writes) put(tag, image)
    }
    return answer
  }
  return () => raced
}

describe('releasesIn', () => {
  it('takes full versions without a pre-release, spelt with the affix', () => {
    const tags = ['1.2.3', 'v1.3.0', '1.4.0-rc.1', '1.4', 'latest', 'sha-0123abc', 'v2.0.0-debug']
    expect(releasesIn(tags, { prefix: '', suffix: '' }).map(r => r.tag)).toEqual([
      '1.2.3',
      'v1.3.0'
    ])
    expect(releasesIn(tags, { prefix: '', suffix: '-debug' }).map(r => r.tag)).toEqual([
      'v2.0.0-debug'
    ])
    expect(releasesIn(['app-1.2.3', '1.2.4'], { prefix: 'app-', suffix: '' })).toEqual([
      { tag: 'app-1.2.3', version: expect.objectContaining({ version: '1.2.3' }) }
    ])
  })
})

describe('writeTags', () => {
  it('writes the exact version and the other fixed tags first, the floating ones after them', async () => {
    const { client, puts, at } = setup()
    const image = imageOf('1.3.0')
    const plan = tagPlan(
      planTags(
        [],
        DEFAULT_FLAVOR,
        contextOf({
          GITHUB_REF: 'refs/tags/v1.3.0',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_SHA: '0123abcdef0123abcdef0123abcdef0123abcdef'
        })
      )
    )
    const held = await writeTags(client, image, plan, { logger: fakeLogger(), ...noWait })
    expect(puts()).toEqual(['1.3.0', 'sha-0123abc', '1.3', '1', 'latest'])
    // Reported in the plan's order, as metadata-action lists them.
    expect(held).toEqual(['1.3.0', '1.3', '1', 'sha-0123abc', 'latest'])
    for (const t of held) expect(at(t)).toBe(image.digest)
  })

  it('never moves a floating tag back: an older fix leaves 1 and latest on the newer release', async () => {
    const { client, put, puts, at, logger } = setup()
    const newer = imageOf('1.3.0')
    for (const t of ['1.3.0', '1.3', '1', 'latest']) put(t, newer)
    const before = puts().length
    const fix = imageOf('1.2.5')
    const held = await writeTags(client, fix, releasePlan('1.2.5'), { logger, ...noWait })
    // Not even for a moment: 1 and latest are never written.
    expect(puts().slice(before)).toEqual(['1.2.5', '1.2'])
    expect(held).toEqual(['1.2.5', '1.2'])
    expect([at('1'), at('latest')]).toEqual([newer.digest, newer.digest])
    expect(at('1.2')).toBe(fix.digest)
    expect(logger.lines).toContain(
      `127.0.0.1:5000/${REPO}:latest stays on 1.3.0 (${newer.digest}), newer than v1.2.5`
    )
  })

  it('moves them on when an older release’s stale write lands after this run’s', async () => {
    const registry = setup()
    const { client, put, at, logger } = registry
    const older = imageOf('1.2.0')
    put('1.2.0', older)
    // The 1.2.0 run listed the tags before 1.3.0 existed, and its writes of 1 and latest land just after ours.
    const raced = raceAfter(registry, 'latest', [
      ['1', older],
      ['latest', older]
    ])
    const image = imageOf('1.3.0')
    const held = await writeTags(client, image, releasePlan('1.3.0'), { logger, ...noWait })
    expect(raced()).toBe(true)
    expect([at('1'), at('latest'), at('1.3')]).toEqual([image.digest, image.digest, image.digest])
    expect(held).toEqual(['1.3.0', '1.3', '1', 'latest'])
    expect(logger.lines.filter(l => l === `tagged 127.0.0.1:5000/${REPO}:latest`)).toHaveLength(2)
  })

  it('settles two runs of one version on whatever its exact tag holds', async () => {
    const registry = setup()
    const { reg, client, at } = registry
    const theirs = imageOf('1.3.0 (theirs)')
    // The other run of 1.3.0 (another digest: a build that is not reproducible) writes 1.3.0 and latest last.
    raceAfter(registry, '1.3.0', [
      ['1.3.0', theirs],
      ['latest', theirs]
    ])
    const held = await writeTags(client, imageOf('1.3.0'), releasePlan('1.3.0'), {
      logger: fakeLogger(),
      ...noWait
    })
    for (const t of ['1.3', '1', 'latest']) expect(at(t)).toBe(theirs.digest)
    expect(held).toEqual(['1.3.0'])
    // One pass that moved 1.3 and 1, one that found all of them right: no tug of war.
    expect(reg.requests.filter(r => r.path.endsWith('/tags/list'))).toHaveLength(2)
  })

  it('gives up after its budget when another writer keeps moving the tags, naming them', async () => {
    const { reg, client, put } = setup()
    const older = imageOf('1.2.0')
    put('1.2.0', older)
    const handle = reg.handle.bind(reg)
    reg.handle = (method, url, headers, body) => {
      const answer = handle(method, url, headers, body)
      if (method === 'PUT' && url.pathname.endsWith('/manifests/1')) put('1', older)
      return answer
    }
    let clock = 0
    const sleeps: number[] = []
    const err = (await writeTags(client, imageOf('1.3.0'), releasePlan('1.3.0'), {
      logger: fakeLogger(),
      now: () => clock,
      sleep: async ms => void (sleeps.push(ms), (clock += 1000)),
      random: () => 0.5,
      budgetMs: 5000
    }).catch((e: unknown) => e)) as Error
    expect(err.message).toBe(
      `tags: the floating tags 1.3, 1, latest of 127.0.0.1:5000/${REPO} were still being moved by other runs ` +
        'after 6 passes in 5 s. Each points at a release of its line; run the step again once the other releases ' +
        'have finished, or give release workflows a concurrency: group.'
    )
    // Jittered waits between passes.
    expect(sleeps).toEqual([250, 250, 250, 250, 250])
  })

  it('settles the -debug tags on the -debug releases', async () => {
    const { client, put, at, puts } = setup()
    const newer = imageOf('1.3.0-debug')
    for (const t of ['1.3.0-debug', '1.3-debug', '1-debug', 'latest-debug', '1.3.0']) put(t, newer)
    const before = puts().length
    const fix = imageOf('1.2.5-debug')
    const held = await writeTags(client, fix, withSuffix(releasePlan('1.2.5'), '-debug'), {
      logger: fakeLogger(),
      ...noWait
    })
    expect(held).toEqual(['1.2.5-debug', '1.2-debug'])
    expect(puts().slice(before)).toEqual(['1.2.5-debug', '1.2-debug'])
    expect(at('latest-debug')).toBe(newer.digest)
  })
})

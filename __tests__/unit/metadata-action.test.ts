// docker/metadata-action's outputs passed straight to this action's tags and labels. The outputs are written as
// metadata-action's README documents them: tags and labels are lists, newline-delimited by default (sep-tags,
// sep-labels), each tag as image:tag for every image of its images input (bake-file example for refs/tags/v1.2.3:
// name/app:1.2.3, name/app:1.2, name/app:sha-90dd603, name/app:latest), each label as KEY=VALUE.
import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config.js'
import { InputError } from '../../src/ports.js'
import { tagsOfImages } from '../../src/images/image-tags.js'

/** metadata-action's tags output for these images and tags, with its default separator. */
const tagsOutput = (images: string[], tags: string[]): string =>
  images.flatMap(i => tags.map(t => `${i}:${t}`)).join('\n')

/** metadata-action's labels output for its README's bake-file example. */
const LABELS_OUTPUT = [
  'org.opencontainers.image.title=Hello-World',
  'org.opencontainers.image.description=This your first repo!',
  'org.opencontainers.image.url=https://github.com/octocat/Hello-World',
  'org.opencontainers.image.source=https://github.com/octocat/Hello-World',
  'org.opencontainers.image.version=1.2.3',
  'org.opencontainers.image.created=2020-01-10T00:30:00.000Z',
  'org.opencontainers.image.revision=860c1904a1ce19322e91ac35af1ab07466440c37',
  'org.opencontainers.image.licenses=MIT'
].join('\n')

const README_TAGS = ['1.2.3', '1.2', 'sha-90dd603', 'latest']

const config = (inputs: Record<string, string>) =>
  parseConfig(n => inputs[n] ?? '', { GITHUB_WORKSPACE: '/ws' })

describe("metadata-action's tags output", () => {
  it('gives the bare tags of the image this step builds, in order (Docker Hub short names too)', () => {
    const tags = tagsOutput(['name/app'], README_TAGS)
    expect(config({ image: 'name/app', tags }).tags).toEqual(README_TAGS)
    expect(config({ image: 'docker.io/name/app', tags }).tags).toEqual(README_TAGS)
    expect(config({ image: 'index.docker.io/name/app', tags }).tags).toEqual(README_TAGS)
  })

  it('gives each tag once for several registries, when image lists them all', () => {
    const images = ['ghcr.io/acme/app', 'docker.io/acme/app']
    const c = config({ image: images.join('\n'), tags: tagsOutput(images, README_TAGS) })
    expect(c.tags).toEqual(README_TAGS)
  })

  it('reads a comma-separated output (sep-tags: ",") and keeps rules and plain tags as they are', () => {
    expect(
      tagsOfImages('ghcr.io/acme/app:1.2.3,ghcr.io/acme/app:latest\nedge\ntype=sha', [
        'ghcr.io/acme/app'
      ])
    ).toBe('1.2.3\nlatest\nedge\ntype=sha')
    // With an empty images input metadata-action writes bare tags: those never needed this.
    expect(tagsOfImages('1.2.3\nlatest', [])).toBe('1.2.3\nlatest')
  })

  it('matches an image line with {{.Name}} for each command of a monorepo', () => {
    const c = config({
      package: './cmd/api\n./cmd/web',
      image: 'ghcr.io/acme/{{.Name}}',
      tags: tagsOutput(['ghcr.io/acme/api', 'ghcr.io/acme/web'], ['1.2.3'])
    })
    expect(c.tags).toEqual(['1.2.3'])
  })

  it('refuses a tag of an image this step does not build, naming it, the images built and the fix', () => {
    const tags = tagsOutput(['ghcr.io/acme/app', 'docker.io/acme/other'], ['1.2.3'])
    const run = () => config({ image: 'ghcr.io/acme/app', tags })
    expect(run).toThrow(InputError)
    expect(run).toThrow(
      "tags: 'docker.io/acme/other:1.2.3' is a tag of docker.io/acme/other, which this step does not build " +
        '(image: ghcr.io/acme/app). Add docker.io/acme/other as a line of image, or give tags of the images in ' +
        'image only (with docker/metadata-action, list the same images in its images input).'
    )
    expect(() => config({ push: 'false', tags: 'ghcr.io/acme/app:1' })).toThrow(
      /which this step does not build \(image: none, image is empty\)/
    )
    // ghcr.io/acme/{{.Name}} is not ghcr.io/other/api.
    expect(() => config({ image: 'ghcr.io/acme/{{.Name}}', tags: 'ghcr.io/other/api:1' })).toThrow(
      /is a tag of ghcr\.io\/other\/api, which this step does not build/
    )
  })

  it('refuses an image reference without a tag, and a tag the distribution spec forbids', () => {
    expect(() => config({ image: 'ghcr.io/acme/app', tags: 'ghcr.io/acme/app' })).toThrow(
      /^tags: 'ghcr\.io\/acme\/app' is an image reference without a tag/
    )
    expect(() => config({ image: 'ghcr.io/acme/app', tags: 'ghcr.io/acme/app:a+b' })).toThrow(
      /^tags: 'a\+b' is not a valid tag/
    )
  })
})

describe("metadata-action's labels output", () => {
  it('is taken as labels, every key and value as written', () => {
    expect(config({ image: 'name/app', labels: LABELS_OUTPUT }).labels).toEqual({
      'org.opencontainers.image.title': 'Hello-World',
      'org.opencontainers.image.description': 'This your first repo!',
      'org.opencontainers.image.url': 'https://github.com/octocat/Hello-World',
      'org.opencontainers.image.source': 'https://github.com/octocat/Hello-World',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.created': '2020-01-10T00:30:00.000Z',
      'org.opencontainers.image.revision': '860c1904a1ce19322e91ac35af1ab07466440c37',
      'org.opencontainers.image.licenses': 'MIT'
    })
  })

  it('keeps an empty description, which metadata-action writes for a repository without one', () => {
    const labels = config({
      labels: 'org.opencontainers.image.description=\norg.opencontainers.image.title=x',
      push: 'false'
    }).labels
    expect(labels).toEqual({
      'org.opencontainers.image.description': '',
      'org.opencontainers.image.title': 'x'
    })
  })
})

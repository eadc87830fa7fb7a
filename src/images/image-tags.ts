// Reads tags written as full image references (docker/metadata-action's tags output: ghcr.io/acme/app:1.2.3) as
// the bare tags of the images this step builds, and refuses those that name another image.
import { InputError } from '../ports.js'
import { parseReference } from '../registry/reference.js'
import { renderTemplate } from './targets.js'

/** Names Docker Hub goes by, which metadata-action and image may spell differently. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io'])

/** Stands for {{.Name}} while an image line is parsed: a valid path component no real name is. */
const PLACEHOLDER = 'gsi0name0placeholder'
/** A repository path component, as the distribution spec writes it. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** registry/repository, with Docker Hub's names as one. */
function imageKey(registry: string, repository: string): string {
  return `${DOCKER_HUB.has(registry) ? 'docker.io' : registry}/${repository}`
}

/** One matcher per image line; {{.Name}} matches any repository component. */
function matchers(imageLines: readonly string[]): RegExp[] {
  return imageLines.map(line => {
    const ref = parseReference(renderTemplate(line, PLACEHOLDER), 'image')
    const key = imageKey(ref.registry, ref.repository)
    return new RegExp(`^${key.split(PLACEHOLDER).map(escape).join(COMPONENT)}$`)
  })
}

/** A part of a tags line that is an image reference rather than a tag: tags hold neither '/' nor ':'. */
const isReference = (part: string): boolean => part.includes('/') || part.includes(':')

/**
 * The tags input with every image:tag reference replaced by its tag, when the image is one of image's lines (the
 * same tag for several registries is kept once); rules and plain tags stay as they are. metadata-action's tags
 * output, one image:tag a line, can so be passed as it is.
 */
export function tagsOfImages(raw: string, imageLines: readonly string[]): string {
  let built: RegExp[] | undefined
  const out: string[] = []
  for (const line of raw.split('\n')) {
    const trimmed = line.trim()
    // Rules (type=…, {{…}}) are the tag planner's to read; a line of plain tags may be comma-separated.
    if (trimmed.includes('=') || trimmed.includes('{{') || !isReference(trimmed)) {
      out.push(line)
      continue
    }
    for (const part of trimmed
      .split(',')
      .map(p => p.trim())
      .filter(Boolean)) {
      const tag = isReference(part)
        ? tagOf(part, (built ??= matchers(imageLines)), imageLines)
        : part
      if (!out.includes(tag)) out.push(tag)
    }
  }
  return out.join('\n')
}

function tagOf(reference: string, built: RegExp[], imageLines: readonly string[]): string {
  const ref = parseReference(reference, 'tags')
  if (ref.digest || !ref.tag) {
    throw new InputError(
      `tags: '${reference}' is an image reference without a tag. Give tags (1.2.3, latest), or image:tag lines ` +
        `such as docker/metadata-action's tags output (ghcr.io/acme/app:1.2.3).`
    )
  }
  const key = imageKey(ref.registry, ref.repository)
  if (!built.some(m => m.test(key))) {
    const building = imageLines.length ? imageLines.join(', ') : 'none, image is empty'
    throw new InputError(
      `tags: '${reference}' is a tag of ${key}, which this step does not build (image: ${building}). Add ` +
        `${key} as a line of image, or give tags of the images in image only (with docker/metadata-action, ` +
        `list the same images in its images input).`
    )
  }
  return ref.tag
}

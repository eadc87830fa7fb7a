// Builds every main package of a monorepo as its own image, from the BUILD table: the run's stages (per: 'run')
// and the monorepo's own (mains) first, in one graph; then one graph of every image's stages side by side, with
// one layer compressor, what the table's images column says (one image at a time, after every image, all or
// none), and the run's stages there again as stand-ins that hand on their first outputs.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { checkTemplate, imageRefs, renderTemplate, type MainTarget } from '../images/targets.js'
import { layerCompressor } from '../oci/assemble.js'
import type { LayerCompressor } from '../oci/layer-compressor.js'
import type { Logger } from '../ports.js'
import { parseReference } from '../registry/reference.js'
import type { TagPlan } from '../registry/tags.js'
import { buildBodies, graphOf, imageRows, partsOn, type BuildOutputs } from './bodies.js'
import type { Deps } from './deps.js'
import { runGraph, type Stage } from './graph.js'
import type { PipelineOptions } from './options.js'
import { imageOf, pipelineResult, type Result } from './result.js'
import { combineSections } from '../vuln/report.js'
import { BUILD, type Row } from './stages.js'

type AnyStage = Stage<Record<string, unknown>>

const rowOf = (name: string): Row | undefined => (BUILD as Record<string, Row>)[name]
const perRun = (name: string): boolean => rowOf(name)?.per === 'run'

/** The options of one package's image: its package, binary name and repositories, and its own layout folder. */
export function packageOptions(
  o: PipelineOptions,
  main: MainTarget,
  several: boolean
): PipelineOptions {
  const refs = imageRefs(o.publish.imageLines, main.name)
  return {
    ...o,
    build: { ...o.build, package: main.pkg, packages: [main.pkg], binaryName: main.name },
    publish: {
      ...o.publish,
      image: refs[0],
      mirrors: refs.slice(1),
      // Each image's layout in its own folder: one index.json cannot tell two images with the same tags apart.
      ociLayout:
        several && o.publish.ociLayout
          ? path.join(o.publish.ociLayout, main.name)
          : o.publish.ociLayout
    },
    report: {
      ...o.report,
      compareTo: checkTemplate(o.report.compareToLine, 'compare-to')
        ? parseReference(renderTemplate(o.report.compareToLine, main.name), 'compare-to')
        : o.report.compareTo
    }
  }
}

/** Whether a stage's output (the gate's) says the image breaks its budget. */
const failures = (out: unknown): boolean => !!(out as { failures: string[] }).failures.length

/**
 * One graph of every image's stages (named NAME/stage), the run's stages standing in with their first outputs
 * (shared). Besides each image's own edges: a run stage comes after every image's stages it comes after (so a
 * refused credential costs no compile); images.inTurn: after the image before's same stage; images.afterEvery:
 * after every image's such stages (every image is pushed with every referrer before any tag); images.allOrNone:
 * every image's gate, and nothing while another image is over its budget; images.doneBefore: a failure says what
 * the images before are already (tags cannot be taken back at once).
 */
export function mergedStages(
  mains: MainTarget[],
  perImage: AnyStage[][],
  shared: Readonly<Record<string, unknown>>
): AnyStage[] {
  const key = (i: number, name: string): string =>
    perRun(name) ? name : `${mains[i]!.name}/${name}`
  const present = new Set(perImage[0]!.map(s => s.name))
  const everyImage = (names: readonly string[]): string[] =>
    names.filter(n => present.has(n)).flatMap(n => mains.map((_, i) => key(i, n)))
  const several = mains.length > 1
  const out: AnyStage[] = perImage[0]!
    .filter(s => perRun(s.name))
    .map(s => ({
      name: s.name,
      needs: s.needs.filter(perRun),
      after: [
        ...(s.after ?? []).filter(perRun),
        ...everyImage([...s.needs, ...(s.after ?? [])].filter(n => !perRun(n)))
      ],
      run: async () => shared[s.name]
    }))
  perImage.forEach((stages, i) => {
    const name = mains[i]!.name
    for (const s of stages) {
      if (perRun(s.name)) continue
      const images = rowOf(s.name)?.images ?? {}
      const decides = Object.keys(images.allOrNone ?? {})
      const gates = everyImage(decides)
      const view = (got: Partial<Record<string, unknown>>): Partial<Record<string, unknown>> =>
        Object.fromEntries(s.needs.map(n => [n, got[key(i, n)]]))
      const othersOver = (got: Partial<Record<string, unknown>>): string[] =>
        mains
          .filter((_, j) => j !== i && decides.some(d => failures(got[key(j, d)])))
          .map(m => m.name)
      const title = s.title
      out.push({
        name: key(i, s.name),
        needs: [...new Set([...s.needs.map(n => key(i, n)), ...gates])],
        after: [
          ...(s.after ?? []).map(n => key(i, n)),
          ...(images.inTurn && i > 0 ? [key(i - 1, s.name)] : []),
          ...everyImage(Object.keys(images.afterEvery ?? {}))
        ],
        ...(title === undefined
          ? {}
          : {
              title:
                typeof title === 'string' && !images.allOrNone
                  ? several
                    ? `${name}: ${title}`
                    : title
                  : got => {
                      if (othersOver(got).length) return undefined
                      const t = typeof title === 'function' ? title(view(got)) : title
                      return t && several ? `${name}: ${t}` : t
                    }
            }),
        run: async (got, log) => {
          const over = othersOver(got)
          if (over.length && !decides.some(d => failures(got[key(i, d)]))) {
            log.info(
              `${name}: not pushed: ${over.join(', ')} ${over.length > 1 ? 'are' : 'is'} over the size budget, and the images of one run are pushed all or none.`
            )
            return false
          }
          if (!images.doneBefore || i === 0) return s.run(view(got), log)
          return s.run(view(got), log).catch((e: unknown) => {
            const done = mains.slice(0, i).map(m => m.name)
            throw new Error(
              `${name}: ${(e as Error).message} The images before it are ${images.doneBefore}: ${done.join(', ')}.`,
              { cause: e }
            )
          })
        }
      })
    }
  })
  return out
}

/**
 * A monorepo's first graph: the run's stages and its own (mains). Go is installed, its caches restored and the main
 * packages listed once: go list needs the toolchain (and the module cache the restore fills). Logging in waits for
 * the images' graph, since their repositories are not known yet.
 */
export function firstGraph(
  o: PipelineOptions,
  deps: Deps,
  plan: TagPlan,
  compressor: LayerCompressor
): AnyStage[] {
  const on = partsOn(o)
  return graphOf(
    BUILD,
    buildBodies(o, deps, plan, compressor),
    row => row.per === 'run' && (!row.part || on.has(row.part))
  )
}

/** A run of several images: see mergedStages; the result is the first image's, with every image's entry. */
export async function runImages(
  o: PipelineOptions,
  deps: Deps,
  plan: TagPlan,
  graphLogger: Logger
): Promise<Result> {
  const compressor = layerCompressor(o.image, deps.toolCacheDir, deps.logger)
  const take = imageRows(partsOn(o))
  const phase1 = await runGraph(firstGraph(o, deps, plan, compressor), { logger: graphLogger })
  const mains = phase1.mains as MainTarget[]
  const several = mains.length > 1
  const options = mains.map(m => packageOptions(o, m, several))
  const perImage = await Promise.all(
    mains.map(async (m, i) => {
      // Each image's binaries, context and archives in a folder of their own.
      const tempDir = path.join(deps.tempDir, 'images', m.name)
      await mkdir(tempDir, { recursive: true })
      // A push mounts the blobs of the image pushed before it, in each registry they share.
      const previous = options[i - 1]?.publish
      const mountFrom = new Map(
        previous
          ? [previous.image, ...previous.mirrors].flatMap(r =>
              r ? [[r.registry, r.repository] as const] : []
            )
          : []
      )
      const own = { ...options[i]!, publish: { ...options[i]!.publish, mountFrom } }
      options[i] = own
      return graphOf(BUILD, buildBodies(own, { ...deps, tempDir }, plan, compressor), take)
    })
  )
  const out = await runGraph(mergedStages(mains, perImage, phase1), { logger: graphLogger })
  const results = mains.map((m, i) => {
    const view = Object.fromEntries(
      perImage[i]!.map(s => [s.name, out[perRun(s.name) ? s.name : `${m.name}/${s.name}`]])
    ) as unknown as BuildOutputs
    const r = pipelineResult(options[i]!, view)
    return { r, image: imageOf(options[i]!, m.name, r) }
  })
  const head = results[0]!.r
  const named = (name: string, f: string): string => (several ? `${name}: ${f}` : f)
  const checked = results.filter(({ r }) => r.vulnerabilities)
  return {
    ...head,
    gateFailures: results.flatMap(({ r, image }) => r.gateFailures.map(f => named(image.name, f))),
    // Every image's findings and verdicts, not the first's alone: the count and the fail gate speak for the run.
    vulnerabilities: checked.length
      ? combineSections(
          checked.map(({ r, image }) => ({ name: image.name, section: r.vulnerabilities! })),
          several
        )
      : undefined,
    vulnFailures: results.flatMap(({ r, image }) =>
      (r.vulnFailures ?? []).map(f => named(image.name, f))
    ),
    images: results.map(x => x.image)
  }
}

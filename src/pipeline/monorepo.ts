// Builds every main package of a monorepo as its own image: Go is installed, its caches restored and the packages listed once; then one stage graph runs each package's per-image stages side by side, with one layer compressor, pushes that mount the previous image's blobs, and no push before every image has passed its size gate.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { PipelineOptions } from './options.js'
import {
  checkImageNames,
  checkTemplate,
  findMainPackages,
  imageRefs,
  renderTemplate,
  type MainTarget
} from '../images/targets.js'
import { parseReference } from '../registry/reference.js'
import type { Deps } from './deps.js'
import { imageOf, pipelineResult, type Result } from './result.js'
import type { Logger } from '../ports.js'
import { preflight } from '../preflight.js'
import { checkBinaryName, imageTopLevel } from '../rootfs/binary-name.js'
import { runGraph, stageOf, type Stage } from './graph.js'
import type { TagPlan } from '../registry/tags.js'
import { BEFORE_TAGS, layerCompressor, pipelineStages, type Outputs } from './stages.js'

/** The per-image stages whose work is the same for every package: they run once, before the packages are known. */
const SHARED = ['preflight', 'goVersion', 'go', 'goCache'] as const
type Shared = (typeof SHARED)[number]
const isShared = (name: string): name is Shared => (SHARED as readonly string[]).includes(name)

interface Phase1 extends Pick<Outputs, Shared> {
  mains: MainTarget[]
}

type AnyStage = Stage<Record<string, unknown>>

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

/**
 * The shared stages, then the main packages: go list needs the toolchain (and the module cache the restore
 * fills). Logging in waits for phase 2, where each image's repository is known, still before any compile.
 */
async function sharedPhase(
  o: PipelineOptions,
  deps: Deps,
  plan: TagPlan,
  graphLogger: Logger
): Promise<Phase1> {
  const stage = stageOf<Phase1>()
  const names = new Set<string>([...SHARED, 'mains'])
  const perImage = pipelineStages(o, deps, plan).filter(
    s => isShared(s.name) && s.name !== 'preflight'
  )
  const stages: Stage<Phase1>[] = [
    // Every package line is checked on disk, not only the first.
    stage('preflight', [], {
      run: async () => {
        for (const line of o.build.packages) {
          await preflight(
            { ...o.build, ...o.image, package: line },
            {
              logger: deps.logger,
              caBundleCandidates: deps.caBundleCandidates,
              zoneinfoRoot: deps.zoneinfoRoot
            }
          )
        }
      }
    }),
    // Without the login stage (it needs the image names, which come from go list): goVersion needs only preflight.
    ...perImage.map(s => {
      const needs = s.needs.filter(n => names.has(n))
      return { ...s, needs: needs.length ? needs : ['preflight'] } as unknown as Stage<Phase1>
    }),
    stage('mains', ['go', 'goCache'], {
      title: 'Find main packages',
      run: async ({ go }) => {
        const mains = await findMainPackages({
          runner: deps.runner,
          goBin: go.goBin,
          env: go.env,
          cwd: o.build.workingDirectory,
          packages: o.build.packages,
          binaryName: o.build.binaryName
        })
        checkImageNames(o.publish.imageLines, mains, o.report.compareToLine)
        // Before any package compiles: one named after a path the image needs would ship a broken image.
        if (!o.build.binaryName)
          for (const m of mains)
            checkBinaryName(m.name, imageTopLevel(o.image), {
              pkg: m.importPath,
              several: mains.length > 1
            })
        for (const m of mains) deps.logger.info(`${m.name}: ${m.importPath} (${m.pkg})`)
        return mains
      }
    })
  ]
  return runGraph(stages, { logger: graphLogger })
}

/**
 * One graph of every package's per-image stages (named NAME/stage), the shared ones given their phase-1 outputs.
 * Beyond what each stage needs: the shared stages wait for every login, so a refused credential costs no
 * compile; the compiles run one package after another (each already runs its platforms at once, and Go's build
 * cache then serves the next package what they share); a push waits for every image's gate and for the push
 * before it, whose blobs it mounts. The images are tagged all or none, as far as a registry allows: no image's
 * tag stage starts before every image is pushed with every referrer it requires (BEFORE_TAGS of every image),
 * so a failure before the tags leaves nothing tagged; then the images are tagged one after another, and a tag
 * the registry refuses stops there, naming what is tagged (tags cannot be taken back atomically).
 */
export function mergedStages(
  mains: MainTarget[],
  perImage: Stage<Outputs>[][],
  shared: Pick<Outputs, Shared>
): AnyStage[] {
  const key = (i: number, name: string): string =>
    isShared(name) ? name : `${mains[i]!.name}/${name}`
  const everyImage = (name: string): string[] => mains.map((_, i) => key(i, name))
  const several = mains.length > 1
  const has = (name: string): boolean => perImage[0]!.some(s => s.name === name)
  const out: AnyStage[] = perImage[0]!
    .filter(s => isShared(s.name))
    .map(s => ({
      name: s.name,
      needs: s.needs.flatMap(n => (isShared(n) ? [n] : everyImage(n))),
      run: async () => shared[s.name as Shared]
    }))
  perImage.forEach((stages, i) => {
    const name = mains[i]!.name
    for (const s of stages) {
      if (isShared(s.name)) continue
      const before = i > 0 ? [key(i - 1, s.name)] : []
      const extra =
        s.name === 'binaries'
          ? before
          : s.name === 'push'
            ? [...everyImage('gate'), ...before]
            : s.name === 'tag'
              ? [...BEFORE_TAGS.filter(n => has(n)).flatMap(everyImage), ...before]
              : []
      const view = (got: Partial<Record<string, unknown>>): Partial<Outputs> =>
        Object.fromEntries(s.needs.map(n => [n, got[key(i, n)]])) as Partial<Outputs>
      const othersOver = (got: Partial<Record<string, unknown>>): string[] =>
        s.name === 'push'
          ? mains.filter((m, j) => j !== i && failures(got[key(j, 'gate')])).map(m => m.name)
          : []
      out.push({
        name: key(i, s.name),
        needs: [...s.needs.map(n => key(i, n)), ...extra],
        title: got => {
          if (othersOver(got).length) return undefined
          const title = typeof s.title === 'function' ? s.title(view(got)) : s.title
          return title && several ? `${name}: ${title}` : title
        },
        run: async (got, log) => {
          const over = othersOver(got)
          if (over.length && !failures(got[key(i, 'gate')])) {
            log.info(
              `${name}: not pushed: ${over.join(', ')} ${over.length > 1 ? 'are' : 'is'} over the size budget, and the images of one run are pushed all or none.`
            )
            return false
          }
          if (s.name !== 'tag' || i === 0) return s.run(view(got), log)
          return s.run(view(got), log).catch((e: unknown) => {
            const done = mains.slice(0, i).map(m => m.name)
            throw new Error(
              `${name}: ${(e as Error).message} The images before it are tagged: ${done.join(', ')}.`,
              { cause: e }
            )
          })
        }
      })
    }
  })
  return out
}

const failures = (gate: unknown): boolean => !!(gate as Outputs['gate']).failures.length

export async function runImages(
  o: PipelineOptions,
  deps: Deps,
  plan: TagPlan,
  graphLogger: Logger
): Promise<Result> {
  const compressor = deps.compressor ?? layerCompressor(o, deps)
  const phase1 = await sharedPhase(o, { ...deps, compressor }, plan, graphLogger)
  const { mains } = phase1
  const several = mains.length > 1
  const configs = mains.map(m => packageOptions(o, m, several))
  const perImage = await Promise.all(
    mains.map(async (m, i) => {
      // Each image's binaries, context and archives in a folder of their own.
      const tempDir = path.join(deps.tempDir, 'images', m.name)
      await mkdir(tempDir, { recursive: true })
      const previous = configs[i - 1]
      const mountFrom = new Map(
        previous
          ? [previous.publish.image, ...previous.publish.mirrors].flatMap(r =>
              r ? [[r.registry, r.repository] as const] : []
            )
          : []
      )
      return pipelineStages(configs[i]!, { ...deps, compressor, tempDir, mountFrom }, plan)
    })
  )
  const out = await runGraph(mergedStages(mains, perImage, phase1), { logger: graphLogger })
  const results = mains.map((m, i) => {
    const names = perImage[i]!.map(s => s.name)
    const view = Object.fromEntries(
      names.map(n => [n, out[isShared(n) ? n : `${m.name}/${n}`]])
    ) as unknown as Outputs
    const r = pipelineResult(configs[i]!, view)
    return { r, image: imageOf(configs[i]!, m.name, r) }
  })
  const first = results[0]!.r
  return {
    ...first,
    gateFailures: results.flatMap(({ r, image }) =>
      r.gateFailures.map(f => (several ? `${image.name}: ${f}` : f))
    ),
    images: results.map(x => x.image)
  }
}

// Binds each stage of the tables (stages.ts) to its body in its domain, with the options and the ports it takes,
// and turns a table into the engine's graph: the stages of the parts this run has, their edges among them.
import os from 'node:os'
import { attestationStage, provenanceStage, signedStage } from '../attest/attestations.js'
import { commentStage } from '../comment/post.js'
import { eventPullRequest } from '../comment/github.js'
import { binariesStage } from '../compile/binaries.js'
import { cgoStage } from '../compile/c-toolchain.js'
import { sourceStage } from '../compile/source.js'
import { dockerBuiltStage, loadStage } from '../docker/engine.js'
import { contextStage } from '../dockerfile/context.js'
import { runnerGoArch } from '../go/install.js'
import { goCacheStage, goStage, goVersionStage } from '../go/setup.js'
import { mainsStage } from '../images/main-packages.js'
import { mergeBodies, type MergeOutputs } from '../merge/index-push.js'
import { assembledStage, compressorHooks, debugImagesStage, imagesStage } from '../oci/assemble.js'
import type { LayerCompressor } from '../oci/layer-compressor.js'
import { layoutStage } from '../oci/layout.js'
import type { Logger, StageBody } from '../ports.js'
import { preflightStage } from '../preflight.js'
import { attachStage } from '../registry/attach.js'
import { loginStage, mirrorsStage } from '../registry/login.js'
import { debugPushStage, pushStage, tagStage } from '../registry/publish.js'
import type { TagPlan } from '../registry/tags.js'
import { comparisonsStage, gateStage } from '../report/gate.js'
import { packagesStage } from '../report/package-sizes.js'
import { platformSize, sizeTable } from '../report/size.js'
import { baselineReportStage, reportStage, sizeReportStage } from '../report/size-report.js'
import { mainStage } from '../rootfs/binary-name.js'
import { busyboxStage } from '../rootfs/debug.js'
import { librariesStage } from '../rootfs/libraries.js'
import { plansStage } from '../rootfs/platform-plans.js'
import { stagedStage } from '../rootfs/stage.js'
import { hostPackagesStage, sbomStage } from '../sbom/documents.js'
import { vulnDbStage, vulnsStage } from '../vuln/stages.js'
import type { Deps } from './deps.js'
import type { Stage } from './graph.js'
import type { PipelineOptions } from './options.js'
import { BUILD, MERGE, type Part, type Row, type Table } from './stages.js'

/** The parts of the action this run has (see Part in stages.ts). */
export function partsOn(o: PipelineOptions): Set<Part> {
  const on: Record<Part, boolean> = {
    cgo: o.build.cgo !== 'off',
    debug: o.image.debug,
    sbom: o.supplyChain.sbom !== 'none',
    provenance: o.supplyChain.provenance !== 'false',
    compare: !!o.report.compareTo,
    comment: o.report.comment,
    native: o.image.builder === 'native',
    docker: o.image.builder === 'docker',
    layout: !!o.publish.ociLayout,
    load: o.publish.load && !!o.publish.image,
    vulns: o.vuln.vulnerabilities !== 'off'
  }
  return new Set((Object.keys(on) as Part[]).filter(p => on[p]))
}

/**
 * The bodies of one image's stages (the BUILD table). plan holds the tags to write; compressor is the run's, which
 * the images of a monorepo share. Constructing a body does no work: those of the parts a run leaves out are made
 * and never run.
 */
export function buildBodies(
  o: PipelineOptions,
  deps: Deps,
  plan: TagPlan,
  compressor: LayerCompressor
) {
  const { logger } = deps
  const tags = plan.tags
  const hooks = compressorHooks(compressor, o.image, deps.toolCacheDir)
  const runnerArch = runnerGoArch(deps.nodeArch)
  const parallelism = deps.parallelism ?? os.availableParallelism()
  const build = { ...o.build, ...o.image }
  const login = { ...o.publish, registry: o.registry, compareTo: o.report.compareTo }
  const checks = {
    logger,
    caBundleCandidates: deps.caBundleCandidates,
    zoneinfoRoot: deps.zoneinfoRoot
  }
  return {
    preflight: preflightStage(build, checks),
    login: loginStage(login, deps),
    mirrors: mirrorsStage(login, deps),
    busybox: busyboxStage(build, { runner: deps.runner, runnerArch }),
    source: sourceStage(o.build, o.github, deps.runner),
    // The parts left out are never run: compare-to, image and the SBOM format are there when they are.
    baselineReport: baselineReportStage(
      { compareTo: o.report.compareTo!, image: o.publish.image, registry: o.registry },
      deps
    ),
    goVersion: goVersionStage({ ...o.go, ...o.build }, logger),
    go: goStage(o.go, deps),
    goCache: goCacheStage({ ...o.go, ...o.build }, deps),
    cgo: cgoStage(o.build, deps),
    main: mainStage(o.build, o.image, deps.runner),
    binaries: binariesStage(o.build, { ...deps, parallelism }, hooks.binaries),
    staged: stagedStage(build, checks, hooks.zoneinfo),
    hostPackages: hostPackagesStage(o.image, deps),
    packages: packagesStage({ ...o.report, ...o.build, ...o.publish }, deps),
    libraries: librariesStage(o.build, deps),
    vulnDb: vulnDbStage(o.vuln, deps),
    vulns: vulnsStage(o.vuln),
    plans: plansStage(build, o.github),
    context: contextStage(o.build, deps),
    assembled: assembledStage(o.image, compressor, logger),
    dockerBuilt: dockerBuiltStage(deps, compressor),
    images: imagesStage(o.image),
    debugImages: debugImagesStage(o.image, compressor, logger, i => sizeTable(platformSize(i))),
    layout: layoutStage(o.publish.ociLayout, tags, logger),
    load: loadStage(o.publish.image!, tags, { ...deps, runnerArch }),
    comparisons: comparisonsStage(
      { ...o.report, ...o.publish, ...o.build, registry: o.registry },
      deps
    ),
    sbom: sbomStage(
      { sbom: o.supplyChain.sbom as 'spdx' | 'cyclonedx', image: o.publish.image },
      deps
    ),
    gate: gateStage(o.report, logger),
    signed: signedStage(o.supplyChain, o.github, deps),
    provenance: provenanceStage(),
    push: pushStage(o.publish, o.report.compareTo, logger),
    debugPush: debugPushStage(logger),
    sizeReport: sizeReportStage(
      { ...o.report, image: o.publish.image },
      tags,
      { pullRequest: eventPullRequest(o.github), github: o.github },
      deps
    ),
    report: reportStage(o.publish.ociLayout),
    comment: commentStage({ token: o.report.githubToken, github: o.github, logger }),
    attestation: attestationStage(o.supplyChain, o.github, deps),
    attach: attachStage(o.publish.ociLayout, tags, deps),
    tag: tagStage(plan, logger, deps.sleep),
    mains: mainsStage({ ...o.build, ...o.publish, ...o.report }, o.image, deps)
  }
}

/** The merge graph's bodies (the MERGE table). */
export function mergeGraphBodies(o: PipelineOptions, deps: Deps, plan: TagPlan) {
  return mergeBodies({ ...o, labels: o.image.labels }, deps, plan)
}

type Body = StageBody<never, unknown>
type OutputOf<B> = B extends { run: (...args: never[]) => Promise<infer O> } ? O : never
type InputOf<B> = B extends { run: (got: infer I, log: Logger) => unknown } ? I : never

type Bodies = ReturnType<typeof buildBodies>

/** Each stage's output by name: what its body resolves to (each domain's own type). */
type BodyOutputs = { [K in keyof Bodies]: OutputOf<Bodies[K]> }

/** The stages a run may leave out (their row has a part), whose outputs may then be absent. */
type Optional<T extends Table> = {
  [K in keyof T]: T[K] extends { part: Part } ? K : never
}[keyof T]

/** What one image's graph hands on, by stage name: undefined for a stage the run left out. */
export type BuildOutputs = {
  [K in keyof BodyOutputs]: K extends Optional<typeof BUILD>
    ? BodyOutputs[K] | undefined
    : BodyOutputs[K]
}

type PartOf<T extends Table, K extends keyof T> = T[K] extends { part: infer P } ? P : never

/**
 * What a stage of table T is given: the outputs of what it needs, undefined for a stage the run may leave out
 * (unless it is of the stage's own part: then both are there).
 */
type Given<T extends Table, O, K extends keyof T> = {
  [N in T[K]['needs'][number] & keyof O]: N extends Optional<T>
    ? [PartOf<T, N>] extends [PartOf<T, K>]
      ? O[N]
      : O[N] | undefined
    : O[N]
}

/**
 * true for each stage whose body takes no more than the table gives it; the name of the stage where it does.
 * Checked below: a body and its row cannot drift apart.
 */
type Fits<T extends Table, B, O> = {
  [K in keyof T & keyof B]: Given<T, O, K> extends InputOf<B[K]> ? true : K
}
const fits = <F extends Record<string, true>>(checked?: F): F | undefined => checked
fits<Fits<typeof BUILD, Bodies, BodyOutputs>>()
fits<Fits<typeof MERGE, ReturnType<typeof mergeBodies>, MergeOutputs>>()

/**
 * The engine's graph of a table: the rows take() keeps, each with its body, and only the edges between them (an
 * edge to a stage left out goes with it).
 */
export function graphOf(
  table: Table,
  bodies: Readonly<Record<string, Body>>,
  take: (row: Row) => boolean
): Stage<Record<string, unknown>>[] {
  const rows = Object.entries(table).filter(([, row]) => take(row))
  const has = new Set(rows.map(([name]) => name))
  return rows.map(([name, row]) => {
    const body = bodies[name]!
    return {
      name,
      needs: row.needs.filter(n => has.has(n)),
      after: Object.keys(row.after ?? {}).filter(n => has.has(n)),
      ...(body.title === undefined
        ? {}
        : { title: body.title as Stage<Record<string, unknown>>['title'] }),
      run: body.run as Stage<Record<string, unknown>>['run']
    }
  })
}

/** The rows of one image's graph in a run whose parts are on. */
export const imageRows =
  (on: Set<Part>) =>
  (row: Row): boolean =>
    !row.monorepo && (!row.part || on.has(row.part))

/** One image's graph (the BUILD table): the action's, and each image's in a monorepo. */
export function buildGraph(
  o: PipelineOptions,
  deps: Deps,
  plan: TagPlan,
  compressor: LayerCompressor
): Stage<Record<string, unknown>>[] {
  return graphOf(BUILD, buildBodies(o, deps, plan, compressor), imageRows(partsOn(o)))
}

/** The merge's graph (the MERGE table). */
export function mergeGraph(
  o: PipelineOptions,
  deps: Deps,
  plan: TagPlan
): Stage<Record<string, unknown>>[] {
  return graphOf(MERGE, mergeGraphBodies(o, deps, plan), imageRows(partsOn(o)))
}

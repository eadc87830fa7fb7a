// Every stage of every mode, in one table: what each needs (the outputs it takes), what it comes after without
// taking anything (with the reason), which part of the action it serves, and in a run of several images whether
// it runs once or once per image. A stage starts once all it needs and comes after is done, so the stages of one
// block below run at once. The log's order is the engine's (graph.ts), never a reason for an edge; the bodies
// live in their domains (bodies.ts binds them); docs/architecture.md draws these tables.

/**
 * A part of the action a run may leave out: its stages are in the graph only when it is on (bodies.ts, partsOn),
 * and an edge to a stage left out is left out with it.
 */
export type Part =
  | 'cgo'
  | 'debug'
  | 'sbom'
  | 'provenance'
  | 'compare'
  | 'comment'
  | 'native'
  | 'docker'
  | 'layout'
  | 'load'
  | 'vulns'

export interface Row {
  /** The stages whose outputs it takes. */
  readonly needs: readonly string[]
  /** The stages it waits for without taking their outputs, each with why. */
  readonly after?: Readonly<Record<string, string>>
  /** 'run': once for the whole run, shared by the images of a monorepo; per image otherwise. */
  readonly per?: 'run'
  /** Only when this part is on. */
  readonly part?: Part
  /** A monorepo's own stage, in the run's first graph. */
  readonly monorepo?: true
  /** In a run of several images (src/pipeline/monorepo.ts). */
  readonly images?: {
    /** After the same stage of the image before it, and why. */
    readonly inTurn?: string
    /** After these stages of every image, each with why. */
    readonly afterEvery?: Readonly<Record<string, string>>
    /**
     * Takes this stage of every image (one whose output says failures, the gate) and does nothing while another
     * image's says any, and why.
     */
    readonly allOrNone?: Readonly<Record<string, string>>
    /** A failure says what the images before it already are (they cannot be taken back). */
    readonly doneBefore?: string
  }
}

export type Table = Readonly<Record<string, Row>>

const CHECKED_FIRST =
  'inputs the disk can refute are checked before anything is logged in to, downloaded or compiled'
const BEFORE_GO =
  'a refused credential or a busybox that cannot run in the image is an input error, found before Go is downloaded'
const MODULE_CACHE = 'go list reads the module cache, which the restore may fill'
const ONE_INDEX = "both write the OCI layout's index.json"
const TAGS_LAST =
  'the tags come last: a failure before them (a referrer refused, GitHub refusing the attestation) leaves nothing tagged'

/** One image: the action's graph, and what a monorepo runs for each of its images. */
export const BUILD = {
  // Checks, logins and busybox: nothing costly before them.
  preflight: { needs: [], per: 'run' },
  login: { needs: [], after: { preflight: CHECKED_FIRST } },
  mirrors: { needs: [], after: { preflight: CHECKED_FIRST } },
  busybox: { needs: [], after: { preflight: CHECKED_FIRST }, part: 'debug' },
  source: { needs: [], after: { preflight: CHECKED_FIRST } },
  baselineReport: { needs: [], after: { preflight: CHECKED_FIRST }, part: 'compare' },

  // Go.
  goVersion: {
    needs: [],
    after: { preflight: CHECKED_FIRST, login: BEFORE_GO, mirrors: BEFORE_GO, busybox: BEFORE_GO },
    per: 'run'
  },
  go: { needs: ['goVersion'], per: 'run' },
  goCache: { needs: ['go'], per: 'run' },
  cgo: { needs: ['go'], part: 'cgo' },
  main: { needs: ['go'], after: { goCache: MODULE_CACHE } },

  // The compile, beside the files every platform shares.
  binaries: {
    needs: ['go', 'source', 'main', 'goCache', 'cgo'],
    images: {
      inTurn:
        "each package's compile already runs its platforms at once, and Go's build cache then serves the next what they share"
    }
  },
  staged: { needs: ['go', 'source', 'main'] },
  hostPackages: { needs: ['staged'], part: 'sbom' },
  packages: { needs: ['go', 'source', 'binaries', 'cgo'] },
  libraries: { needs: ['binaries', 'cgo', 'main'], part: 'cgo' },

  // The vulnerability check (src/vuln/): the database once per run, then each platform's binary.
  vulnDb: { needs: [], after: { preflight: CHECKED_FIRST }, per: 'run', part: 'vulns' },
  vulns: { needs: ['binaries', 'vulnDb'], part: 'vulns' },

  // The images.
  plans: { needs: ['staged', 'binaries', 'source', 'main', 'libraries'] },
  context: { needs: ['plans', 'source'] },
  assembled: { needs: ['plans', 'source'], part: 'native' },
  dockerBuilt: { needs: ['plans', 'context', 'source'], part: 'docker' },
  images: { needs: ['assembled', 'dockerBuilt'] },
  debugImages: { needs: ['plans', 'source', 'busybox'], part: 'debug' },

  // What is made of them, the gate before the push, and the push by digest.
  layout: { needs: ['images'], part: 'layout' },
  load: { needs: ['images'], part: 'load' },
  comparisons: { needs: ['images'], part: 'compare' },
  sbom: {
    needs: ['images', 'plans', 'source', 'main', 'cgo', 'hostPackages', 'vulns'],
    part: 'sbom'
  },
  gate: { needs: ['images', 'comparisons', 'vulns'] },
  signed: { needs: ['images', 'gate', 'login', 'sbom'], part: 'provenance' },
  provenance: { needs: ['signed'], part: 'provenance' },
  push: {
    needs: ['gate', 'login', 'mirrors', 'images'],
    images: {
      inTurn: 'each push mounts the blobs of the image pushed before it',
      allOrNone: { gate: 'the images of one run are pushed all or none' }
    }
  },

  // After the push: the report, the referrers, the attestation, the -debug images; the tags last.
  debugPush: { needs: ['push', 'login', 'debugImages'], part: 'debug' },
  sizeReport: {
    needs: [
      'images',
      'gate',
      'comparisons',
      'packages',
      'binaries',
      'main',
      'go',
      'push',
      'baselineReport',
      'vulns'
    ]
  },
  report: { needs: ['sizeReport', 'images', 'push'] },
  comment: { needs: ['sizeReport'], part: 'comment' },
  attestation: { needs: ['signed', 'push', 'images'], part: 'provenance' },
  attach: {
    needs: ['push', 'login', 'mirrors', 'images', 'source', 'sbom', 'provenance', 'report'],
    after: { layout: ONE_INDEX }
  },
  tag: {
    needs: ['push', 'login', 'mirrors', 'images', 'debugImages', 'debugPush'],
    after: { attach: TAGS_LAST, attestation: TAGS_LAST },
    images: {
      inTurn:
        'tags cannot be taken back at once: the images are tagged one after another, and a refusal stops there',
      afterEvery: {
        push: TAGS_LAST,
        attach: TAGS_LAST,
        attestation: TAGS_LAST,
        debugPush: TAGS_LAST
      },
      doneBefore: 'tagged'
    }
  },

  // A monorepo's first graph names its images (go list): phase one of monorepo.ts.
  mains: { needs: ['go'], after: { goCache: MODULE_CACHE }, per: 'run', monorepo: true }
} as const satisfies Table

/** merge-digests: the legs' manifests read from image's repository, gated, one index pushed by digest, tagged. */
export const MERGE = {
  login: { needs: [] },
  legs: { needs: ['login'] },
  comparisons: { needs: ['legs'], part: 'compare' },
  gate: { needs: ['legs', 'comparisons'] },
  index: { needs: ['legs'] },
  push: { needs: ['login', 'gate', 'index'] },
  tag: { needs: ['login', 'push', 'index'] }
} as const satisfies Table

export type BuildStage = keyof typeof BUILD
export type MergeStage = keyof typeof MERGE

// This build's size report: what it holds (sizes, the binary's modules and packages, the budget, the comparison
// with compare-to's report), the file it is written to, and the referrer it is attached as.
import type { Reference } from '../registry/reference.js'
import type { Increase } from './gate.js'

/** The size inputs: the budgets, compare-to, package-sizes and the pull request comment. */
export interface ReportOptions {
  /** Budget for every platform's compressed size. */
  maxSize?: { bytes: number; raw: string }
  /** The baseline image whose sizes this build is compared with. */
  compareTo?: Reference
  /** compare-to as written: with {{.Name}}, each image of a monorepo run has a baseline of its own. */
  compareToLine: string
  maxSizeIncrease?: { rule: Increase; raw: string }
  /** The biggest Go packages in the summary: always, never, or for large binaries. */
  packageSizes: 'auto' | 'true' | 'false'
  /** comment: keep a size comment on the pull request (src/comment/). */
  comment: boolean
  /** github-token, for the comment. */
  githubToken: string
}

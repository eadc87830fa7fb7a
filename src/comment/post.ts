// Posts a size report as the pull request's comment: the report of this run, or one read from a file (comment-from).
import { open } from 'node:fs/promises'
import { InputError, type Logger, type StageBody } from '../ports.js'
import { parseImage } from '../registry/reference.js'
import type { Report } from '../report/report.js'
import { MAX_REPORT_BYTES, parseReport, ReportError } from '../report/schema.js'
import type { GitHubContext } from '../github-context.js'
import { postComment, type Posted } from './github.js'
import { commentMarker } from './escape.js'
import { renderComment, reportName } from './render.js'

type PostOptions = { token: string; github: GitHubContext; logger: Logger }

/**
 * The comment of this run's own build (comment: true). The report was made in this step from its own inputs and
 * build, so its name keys the marker: the image (registry/repository), else the main package.
 */
export async function commentOnReport(report: Report, o: PostOptions): Promise<Posted | undefined> {
  const marker = commentMarker(reportName(report))
  const body = renderComment(report, { marker, runsUrl: o.github.runsUrl })
  return postComment({ ...o, marker, body })
}

/**
 * The key of a posted report's comment, from trusted inputs only: the report is another job's, maybe a fork's,
 * and must not choose which comment it replaces. The posting step's own `image` (its first line, as registry/
 * repository: the same key the build step's comment has) when given; else the repository, one comment per pull
 * request, since the posting job may not know the image. Several images posted to one pull request each need
 * their step's `image`.
 */
export function commentKey(image: string, github: Pick<GitHubContext, 'repository'>): string {
  const first = image.split('\n').find(l => l.trim())
  if (first) {
    const ref = parseImage(first, 'image')
    return `${ref.registry}/${ref.repository}`
  }
  return github.repository
}

/** The file's text, refused past MAX_REPORT_BYTES before it is read. */
async function readReport(file: string): Promise<string> {
  const fail = (why: string): InputError =>
    new InputError(
      `comment-from: ${file} ${why}. Point it at the file the build step's report output named (download the artifact first).`
    )
  const handle = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw fail(`cannot be read (${e.code ?? e.message})`)
  })
  try {
    const { size, isFile } = await handle.stat().then(s => ({ size: s.size, isFile: s.isFile() }))
    if (!isFile) throw fail('is not a file')
    if (size > MAX_REPORT_BYTES) {
      throw fail(`is ${size} bytes, more than the ${MAX_REPORT_BYTES} a size report can be`)
    }
    // Read at most one byte past the limit: the file may grow between stat and read.
    const buf = Buffer.alloc(Math.min(size, MAX_REPORT_BYTES) + 1)
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    return buf.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

/**
 * comment-from: the report file a build wrote (output report), posted without building. Everything in it is
 * untrusted: it is checked against the schema, its strings are escaped, its pull request is only a hint that
 * GitHub must confirm, and it has no say in the marker.
 */
export async function commentFrom(
  file: string,
  o: PostOptions & { image?: string }
): Promise<Posted | undefined> {
  const text = await readReport(file)
  let report: Report
  try {
    report = parseReport(text, `comment-from: ${file}`)
  } catch (e) {
    if (e instanceof ReportError) throw new InputError(e.message)
    throw e
  }
  const marker = commentMarker(commentKey(o.image ?? '', o.github))
  const body = renderComment(report, { marker, runsUrl: o.github.runsUrl })
  return postComment({
    ...o,
    marker,
    body,
    fromReport: { pullRequest: report.pullRequest }
  })
}

/**
 * comment: true: the run's report as the pull request's comment, written before the step fails on the size gate
 * (the edge fails it after the graph), so a reviewer sees why. The stage is left out without comment.
 */
export function commentStage(o: PostOptions): StageBody<{ sizeReport: { report: Report } }, void> {
  return {
    title: 'Comment on the pull request',
    run: async ({ sizeReport }) => void (await commentOnReport(sizeReport.report, o))
  }
}

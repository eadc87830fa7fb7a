// Posts a size report as the pull request's comment: the report of this run, or one read from a file (comment-from).
import { readFile } from 'node:fs/promises'
import type { Logger } from '../ports.js'
import { InputError } from '../ports.js'
import { parseReport, ReportError, type Report } from '../report/report.js'
import { postComment, type Env, type Posted } from './github.js'
import { commentMarker, renderComment, reportName } from './render.js'

export async function commentOnReport(
  report: Report,
  o: { token: string; env: Env; logger: Logger }
): Promise<Posted | undefined> {
  return postComment({
    ...o,
    marker: commentMarker(reportName(report)),
    body: renderComment(report),
    reportPr: report.pullRequest
  })
}

/** comment-from: the report file a build wrote (output report), posted without building. */
export async function commentFrom(
  file: string,
  o: { token: string; env: Env; logger: Logger }
): Promise<Posted | undefined> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new InputError(
      `comment-from: cannot read ${file} (${e.code ?? e.message}). Point it at the file the build step's report output named (download the artifact first).`
    )
  })
  try {
    return await commentOnReport(parseReport(text, `comment-from: ${file}`), o)
  } catch (e) {
    if (e instanceof ReportError) throw new InputError(e.message)
    throw e
  }
}

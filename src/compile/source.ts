// The source stage: the source date epoch (the input, else the commit's time) and the build settings, with
// {{.Version}}, {{.Commit}} and {{.Date}} expanded in ldflags.
import type { GitHubContext } from '../github-context.js'
import type { Runner, StageBody } from '../ports.js'
import { rfc3339 } from '../source-date-epoch.js'
import type { BuildOptions } from './build-options.js'
import type { BuildSettings } from './command.js'
import { expandLdflags, ldflagsVars } from './ldflags.js'

/** What every stage that writes a file or runs go build takes from the source. */
export interface Source {
  epoch: number
  settings: BuildSettings
}

type SourceOptions = Pick<
  BuildOptions,
  | 'workingDirectory'
  | 'package'
  | 'ldflags'
  | 'buildTags'
  | 'buildFlags'
  | 'buildEnv'
  | 'sourceDateEpoch'
>

/** The commit being built, for {{.Commit}}: GITHUB_SHA is preferred by ldflagsVars; this asks Git. */
async function gitCommit(runner: Runner, cwd: string): Promise<string> {
  const res = await runner
    .run('git', ['rev-parse', 'HEAD'], { cwd, silent: true })
    .catch(() => undefined)
  return res?.exitCode === 0 ? res.stdout.trim() : ''
}

/** Source date epoch: the input or SOURCE_DATE_EPOCH, else the commit time, else 0. */
async function sourceDateEpoch(o: SourceOptions, runner: Runner): Promise<number> {
  if (o.sourceDateEpoch !== undefined) return o.sourceDateEpoch
  const res = await runner
    .run('git', ['log', '-1', '--format=%ct'], { cwd: o.workingDirectory, silent: true })
    .catch(() => undefined)
  const t = res?.exitCode === 0 ? Number(res.stdout.trim()) : NaN
  return Number.isInteger(t) && t >= 0 ? t : 0
}

export function sourceStage(
  o: SourceOptions,
  github: Pick<GitHubContext, 'sha' | 'git'>,
  runner: Runner
): StageBody<unknown, Source> {
  return {
    run: async () => {
      const epoch = await sourceDateEpoch(o, runner)
      const ldflags = o.ldflags.includes('{{')
        ? expandLdflags(
            o.ldflags,
            ldflagsVars(github, await gitCommit(runner, o.workingDirectory), rfc3339(epoch))
          )
        : o.ldflags
      const settings: BuildSettings = {
        pkg: o.package,
        ldflags,
        buildTags: o.buildTags,
        buildFlags: o.buildFlags,
        buildEnv: o.buildEnv
      }
      return { epoch, settings }
    }
  }
}

// Asks a docker-credential-NAME program for a registry's secret, by the credential helper protocol, and says why when it cannot.
import type { Logger, Runner } from '../ports.js'
import { InputError } from '../ports.js'
import { helperServerUrl, isObject } from './docker-config.js'

interface HelperAnswer {
  ServerURL?: unknown
  Username?: unknown
  Secret?: unknown
}

function notInstalled(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException
  return (
    err?.code === 'ENOENT' || /Unable to locate executable file|ENOENT/.test(err?.message ?? '')
  )
}

/**
 * Asks `docker-credential-NAME get` for the registry, the credential helper protocol: the server URL on stdin,
 * {ServerURL, Username, Secret} on stdout. The secret is masked at once. Undefined when the helper is not
 * installed or has nothing for it.
 */
export async function helperSecret(
  name: string,
  registry: string,
  o: { runner: Runner; logger: Logger }
): Promise<{ username: string; secret: string } | undefined> {
  const program = `docker-credential-${name}`
  const server = helperServerUrl(registry)
  let result
  try {
    result = await o.runner.run(program, ['get'], { input: server, silent: true })
  } catch (e) {
    if (notInstalled(e)) {
      o.logger.warning(
        `The Docker config names the credential helper ${program} for ${registry}, but it is not on PATH; ` +
          `looking further.`
      )
      return undefined
    }
    throw new InputError(
      `The credential helper ${program} could not be run for ${registry} (${(e as Error).message}). ` +
        `Install it or fix the Docker config, or set registry-username and registry-password.`
    )
  }
  if (result.exitCode !== 0) {
    // Helpers print their error to stdout; "credentials not found in native keychain" is the normal miss.
    if (/credentials not found/i.test(`${result.stdout}\n${result.stderr}`)) return undefined
    throw new InputError(
      `The credential helper ${program} failed (exit code ${result.exitCode}) for ${registry}. ` +
        `Check it with: echo ${server} | ${program} get (its output is not shown here, as it may hold ` +
        `secrets); or set registry-username and registry-password.`
    )
  }
  let answer: HelperAnswer
  try {
    answer = JSON.parse(result.stdout) as HelperAnswer
    if (!isObject(answer)) throw new Error('not an object')
  } catch {
    throw new InputError(
      `The credential helper ${program} answered ${registry} with something other than ` +
        `{"ServerURL", "Username", "Secret"} JSON (not shown, as it may hold secrets). Check it with: ` +
        `echo ${server} | ${program} get`
    )
  }
  const secret = typeof answer.Secret === 'string' ? answer.Secret : ''
  const username = typeof answer.Username === 'string' ? answer.Username : ''
  if (!secret) return undefined
  o.logger.mask(secret)
  return { username, secret }
}

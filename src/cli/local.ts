// The command line's own defaults where they differ from the action's (no Actions cache; without an image, no push
// and an OCI layout), the environment variables flags fall back to, and what it says about them.
import type { Config } from '../config.js'

/** The default oci-layout of a run that neither pushes nor names an image, relative to where it is run. */
export const LOCAL_OCI_LAYOUT = './oci-layout'

/**
 * Environment variables a flag falls back to when it is not given, so a shell (or scripts/quickstart.sh, which
 * documents GO_DOWNLOAD_BASE_URL) can set a default once; a flag still wins.
 */
export const ENV_DEFAULTS: Readonly<Record<string, string>> = {
  'go-download-base-url': 'GO_DOWNLOAD_BASE_URL'
}

/**
 * The inputs with the command line's own defaults where they differ from the action's: a run that names no
 * image does not push but keeps the image as files, there is no Actions cache, and ENV_DEFAULTS apply.
 */
export function localInputs(
  given: Record<string, string>,
  env: Record<string, string | undefined> = {}
): Record<string, string> {
  const fromEnv = Object.entries(ENV_DEFAULTS).flatMap(([input, name]) =>
    env[name]?.trim() ? [[input, env[name]!.trim()]] : []
  )
  const inputs: Record<string, string> = {
    cache: 'false',
    ...Object.fromEntries(fromEnv),
    ...given
  }
  if (given.push === undefined && !given.image?.trim()) {
    inputs.push = 'false'
    inputs['oci-layout'] ??= LOCAL_OCI_LAYOUT
  }
  return inputs
}

/** What the command line says about the defaults it chose, so a run without --image is not a surprise. */
export function localNotes(given: Record<string, string>, config: Config): string[] {
  const notes: string[] = []
  if (given.push === undefined && !given.image?.trim()) {
    notes.push(
      `No --image and no --push: not pushing${
        config.ociLayout ? `; the image is written as an OCI layout to ${config.ociLayout}` : ''
      }. Give --image REPOSITORY to push.`
    )
  } else if (!config.push && !config.load && !config.ociLayout) {
    notes.push('Not pushing and no --oci-layout: the image is built and measured, and not kept.')
  }
  return notes
}

// The command line's options: one per input of action.yml (a unit test keeps the two equal), grouped for --help.

/** The --help sections, in the order they are printed. */
export const GROUPS = {
  go: 'Go',
  build: 'Build',
  contents: 'Image contents',
  config: 'Image config',
  publishing: 'Publishing',
  size: 'Size'
} as const

export type Group = keyof typeof GROUPS

export interface CliOption {
  /** The input's name in action.yml, and the flag's: --NAME. */
  name: string
  group: Group
  /**
   * boolean: --NAME, --no-NAME or --NAME=true|false; list: may be repeated, the values joined with newlines (as
   * a multi-line input); string: one value.
   */
  kind: 'string' | 'boolean' | 'list'
  /** action.yml's description, word for word. */
  description: string
  /** action.yml's default, word for word. */
  default?: string
  /** Where the command line's default differs from the action's, what it is instead. */
  local?: string
}

// Copied from action.yml (its descriptions and defaults stay verbatim so --help says what the README says).
export const OPTIONS: readonly CliOption[] = [
  {
    name: 'go-version',
    group: 'go',
    kind: 'string',
    description:
      'Go version to build with, e.g. 1.22, 1.22.5, ^1.21, stable or oldstable. Empty reads go-version-file.'
  },
  {
    name: 'go-version-file',
    group: 'go',
    kind: 'string',
    description:
      'File to read the Go version from (go.mod uses toolchain, then go; also go.work, .go-version, .tool-versions). Relative to working-directory.',
    default: 'go.mod'
  },
  {
    name: 'go-download-base-url',
    group: 'go',
    kind: 'string',
    description:
      'Where Go releases are listed (BASE/?mode=json&include=all, with sha256) and served (BASE/FILENAME).',
    default: 'https://go.dev/dl'
  },
  {
    name: 'check-latest',
    group: 'go',
    kind: 'boolean',
    description:
      'Look up the newest matching Go in the release list even when the tool cache already has a match.',
    default: 'false'
  },
  {
    name: 'cache',
    group: 'go',
    kind: 'boolean',
    description:
      "Restore and save Go's build and module caches with the Actions cache (keyed by Go version, platforms and go.sum).",
    default: 'true',
    local: "false, as there is no Actions cache here (Go's own caches under ~/.cache still apply)"
  },
  {
    name: 'working-directory',
    group: 'build',
    kind: 'string',
    description: 'The Go module (or folder) to build, relative to the workspace.',
    default: '.',
    local: 'the positional argument, else .'
  },
  {
    name: 'package',
    group: 'build',
    kind: 'string',
    description: 'Main package to build, relative to working-directory, e.g. ./cmd/app.',
    default: '.'
  },
  {
    name: 'binary-name',
    group: 'build',
    kind: 'string',
    description:
      "File name of the binary in the image. Default is the last element of the package's import path."
  },
  {
    name: 'platforms',
    group: 'build',
    kind: 'list',
    description:
      'Comma or newline separated os/arch[/variant] list, e.g. linux/amd64,linux/arm64. Several make an image index.',
    default: 'linux/amd64'
  },
  {
    name: 'ldflags',
    group: 'build',
    kind: 'string',
    description: 'Extra -ldflags, appended to "-s -w".'
  },
  {
    name: 'build-tags',
    group: 'build',
    kind: 'string',
    description: 'Build tags, passed as -tags.'
  },
  {
    name: 'build-flags',
    group: 'build',
    kind: 'string',
    description:
      'Extra go build flags (not -o, -ldflags, -tags, -trimpath or -toolexec, which the action sets or which have inputs).'
  },
  {
    name: 'build-env',
    group: 'build',
    kind: 'list',
    description: 'KEY=VALUE lines added to the go build environment (CGO_ENABLED stays 0).'
  },
  {
    name: 'zoneinfo',
    group: 'contents',
    kind: 'list',
    description:
      "true stages the runner's zoneinfo without duplicates, false none, or a list of zone names to stage exactly.",
    default: 'true'
  },
  {
    name: 'ca-certificates',
    group: 'contents',
    kind: 'string',
    description:
      "system (the runner's CA bundle), none, or the path of a PEM bundle; installed as /etc/ssl/certs/ca-certificates.crt.",
    default: 'system'
  },
  {
    name: 'extra-ca-certificates',
    group: 'contents',
    kind: 'list',
    description:
      'PEM files (one a line, relative to working-directory) appended to the CA bundle, e.g. an internal CA.'
  },
  {
    name: 'files',
    group: 'contents',
    kind: 'list',
    description:
      'Lines SRC:DEST copying files or whole directories (SRC relative to working-directory) into the image, e.g. public:/public. Modes are normalised; setuid is stripped.'
  },
  {
    name: 'user',
    group: 'config',
    kind: 'string',
    description:
      'User the program runs as, nonroot (65532:65532), root, nobody, or a numeric uid:gid.',
    default: '65532:65532'
  },
  {
    name: 'workdir',
    group: 'config',
    kind: 'string',
    description: 'Working directory of the program in the image (absolute; created if missing).',
    default: '/'
  },
  {
    name: 'env',
    group: 'config',
    kind: 'list',
    description:
      "KEY=VALUE lines set in the image (SSL_CERT_FILE and, with Go's zoneinfo.zip, ZONEINFO are set for you)."
  },
  {
    name: 'expose',
    group: 'config',
    kind: 'list',
    description: 'Ports the program listens on, comma or newline separated, e.g. 8080 or 53/udp.'
  },
  {
    name: 'entrypoint',
    group: 'config',
    kind: 'string',
    description: 'The command, as a JSON array or words. Default ["/BINARY-NAME"].'
  },
  {
    name: 'args',
    group: 'config',
    kind: 'string',
    description: "Default arguments (the image's CMD), as a JSON array or words."
  },
  {
    name: 'labels',
    group: 'config',
    kind: 'list',
    description:
      'KEY=VALUE lines of image labels; org.opencontainers.image source, revision, created and version are filled from the GitHub context.'
  },
  {
    name: 'builder',
    group: 'build',
    kind: 'string',
    description:
      'native (the action assembles the OCI image itself, no daemon) or docker (the Docker Engine builds the written Dockerfile, one build per platform).',
    default: 'native'
  },
  {
    name: 'image',
    group: 'publishing',
    kind: 'string',
    description:
      'Repository to push to, without tag, e.g. ghcr.io/acme/app. Required when push is true.'
  },
  {
    name: 'tags',
    group: 'publishing',
    kind: 'list',
    description:
      'Tags to push, comma or newline separated. Default from the Git ref (branch, semver tag, pr-N) plus sha-<7>.'
  },
  {
    name: 'push',
    group: 'publishing',
    kind: 'boolean',
    description: 'Push the image to the registry.',
    default: 'true',
    local: 'true with --image, else false and the image goes to ./oci-layout'
  },
  {
    name: 'load',
    group: 'publishing',
    kind: 'boolean',
    description:
      "Load the image (the runner's platform) into the local Docker Engine, tagged as it would be pushed, so a later step can docker run it.",
    default: 'false'
  },
  {
    name: 'media-types',
    group: 'publishing',
    kind: 'string',
    description:
      'oci, or docker for a registry that refuses OCI manifests (Docker schema 2 types; annotations are dropped).',
    default: 'oci'
  },
  {
    name: 'oci-layout',
    group: 'publishing',
    kind: 'string',
    description:
      'Also write the image as an OCI image layout into this directory (works with push false).',
    local: './oci-layout when neither --image nor --push is given'
  },
  {
    name: 'insecure-registry',
    group: 'publishing',
    kind: 'boolean',
    description:
      'Allow plain http, or https with a certificate that is not verified, for the registry (with a warning). Loopback registries may use plain http without it.',
    default: 'false'
  },
  {
    name: 'registry-ca-file',
    group: 'publishing',
    kind: 'string',
    description:
      'A PEM file of CA certificates to trust, besides the default ones, for the registry of image and of compare-to and their token servers (a private registry with its own CA). Relative to the workspace.'
  },
  {
    name: 'registry-timeout',
    group: 'publishing',
    kind: 'string',
    description:
      'Seconds a registry or token server request may stay silent (connecting, sending, waiting, receiving) before it fails, 1 to 3600. Retries of one request stop within max(90, 1.5 × this) seconds.',
    default: '60'
  },
  {
    name: 'registry-username',
    group: 'publishing',
    kind: 'string',
    description:
      "Registry user name (Basic auth, or the token server's for Bearer), with registry-password. When both are empty, credentials come from the Docker config ($DOCKER_CONFIG/config.json or ~/.docker/config.json: credHelpers, credsStore, auths), else GITHUB_TOKEN for ghcr.io, else none (anonymous)."
  },
  {
    name: 'registry-password',
    group: 'publishing',
    kind: 'string',
    description:
      'Registry password or token, with registry-username (both or neither; see registry-username for the lookup when both are empty). Masked in logs.'
  },
  {
    name: 'source-date-epoch',
    group: 'config',
    kind: 'string',
    description:
      "Unix time for file mtimes and the image's created date. Default SOURCE_DATE_EPOCH, else the commit time, else 0."
  },
  {
    name: 'max-size',
    group: 'size',
    kind: 'string',
    description:
      "Budget for each platform's compressed size (what one pull transfers): bytes, or 900KB, 10MB (MB = 10^6 bytes), 12MiB (MiB = 2^20 bytes). A build over it fails the step and is not pushed."
  },
  {
    name: 'compare-to',
    group: 'size',
    kind: 'string',
    description:
      'Baseline image to compare sizes with, by tag or digest (e.g. ghcr.io/acme/app:main). Only its manifests and configs are read; a missing baseline is a warning.'
  },
  {
    name: 'max-size-increase',
    group: 'size',
    kind: 'string',
    description:
      'Allowed growth over compare-to, as 5% or a size such as 200KB. More fails the step and is not pushed.'
  },
  {
    name: 'package-sizes',
    group: 'size',
    kind: 'string',
    description:
      'List the biggest Go packages of the binary in the job summary (relinks an unstripped copy): auto (for binaries over 4 MiB), true or false.',
    default: 'auto'
  },
  {
    name: 'summary',
    group: 'size',
    kind: 'boolean',
    description: 'Write the size report to the job summary.',
    default: 'true',
    local: 'none here: no job summary, the size table is printed instead'
  }
]

// Generated from action.yml by scripts/cli-options.mjs (npm run cli-options; npm run bundle runs it too).
// Do not edit: change action.yml and run it again. src/cli/options.ts adds what only the command line needs.

/** The inputs of action.yml in file order, with their descriptions and defaults word for word. */
export const ACTION_INPUTS: readonly { name: string; description: string; default?: string }[] = [
  {
    name: 'go-version',
    description:
      'Go version to build with, e.g. 1.22, 1.22.5, ^1.21, stable or oldstable. Empty reads go-version-file.'
  },
  {
    name: 'go-version-file',
    description:
      "File to read the Go version from, relative to working-directory. In go.mod and go.work a toolchain line is taken exactly, else the go line is a minimum (Go's rules since 1.21) - its newest patch, or the newest stable release above it when the list lacks that line; also .go-version, .tool-versions.",
    default: 'go.mod'
  },
  {
    name: 'go-download-base-url',
    description:
      "Where Go releases are listed (BASE/?mode=json&include=all, with sha256) and served (BASE/FILENAME). A mirror other than go.dev has its own tool-cache entries, so the runner's stock Go never stands in for its builds; user:token@ in the URL is sent as Basic auth and masked.",
    default: 'https://go.dev/dl'
  },
  {
    name: 'check-latest',
    description:
      'Look up the newest matching Go in the release list even when the tool cache already has a match.',
    default: 'false'
  },
  {
    name: 'cache',
    description:
      "true restores and saves Go's build and module caches with the Actions cache (keyed by Go version, platforms and go.sum); read restores them but never saves (for pull requests); false leaves them alone.",
    default: 'true'
  },
  {
    name: 'cache-dependency-path',
    description:
      'Globs (relative to the workspace, one a line) of the files whose contents key the Go cache, e.g. **/go.sum in a monorepo. Each must match a file. Empty means go.sum and go.mod in working-directory.'
  },
  {
    name: 'working-directory',
    description: 'The Go module (or folder) to build, relative to the workspace.',
    default: '.'
  },
  {
    name: 'package',
    description:
      'Main package to build, relative to working-directory, e.g. ./cmd/app. Several lines, or a pattern such as ./cmd/..., build one image per main package (image then needs {{.Name}}); Go is installed, its caches restored and the shared layers compressed and uploaded once for all of them.',
    default: '.'
  },
  {
    name: 'binary-name',
    description:
      "File name of the binary in the image. Default is the last element of the package's import path."
  },
  {
    name: 'platforms',
    description:
      'Comma or newline separated os/arch[/variant] list, e.g. linux/amd64,linux/arm64. Several make an image index.',
    default: 'linux/amd64'
  },
  { name: 'ldflags', description: 'Extra -ldflags, appended to "-s -w".' },
  { name: 'build-tags', description: 'Build tags, passed as -tags.' },
  {
    name: 'build-flags',
    description:
      'Extra go build flags (not -o, -ldflags, -tags, -trimpath or -toolexec, which the action sets or which have inputs).'
  },
  {
    name: 'build-env',
    description:
      'KEY=VALUE lines added to the go build environment (CGO_ENABLED stays 0 unless cgo is static or dynamic).'
  },
  {
    name: 'cgo',
    description:
      'off builds with CGO_ENABLED=0 and refuses a package that imports "C"; static links the C library into the binary (musl-gcc when installed, else glibc with the netgo,osusergo tags); dynamic builds a normal cgo binary and stages exactly the shared libraries it loads (and the loader) in a libraries layer.',
    default: 'off'
  },
  {
    name: 'cc',
    description:
      "The C compiler for cgo: one for every platform, or PLATFORM=COMPILER lines (linux/arm64=aarch64-linux-gnu-gcc); needed for a platform other than the runner's. Default musl-gcc or gcc (static), gcc (dynamic)."
  },
  {
    name: 'cgo-sysroot',
    description:
      "For cgo: dynamic on a platform other than the runner's, the root its shared libraries are found in (one DIR, or PLATFORM=DIR lines, e.g. linux/arm64=/usr/aarch64-linux-gnu from libc6-dev-arm64-cross)."
  },
  {
    name: 'debug',
    description:
      "Also push TAG-debug for every tag: the same image plus a static busybox at /busybox (sh and its applets, on PATH after the image's own), like distroless :debug. The tags themselves stay without a shell.",
    default: 'false'
  },
  {
    name: 'debug-busybox',
    description:
      "A static busybox for the debug images of platforms other than the runner's (the runner's own comes from /bin/busybox, Debian's busybox-static)."
  },
  {
    name: 'zoneinfo',
    description:
      "true stages the runner's zoneinfo without duplicates, false none, or a list of zone names to stage exactly.",
    default: 'true'
  },
  {
    name: 'ca-certificates',
    description:
      "system (the runner's CA bundle), none, or the path of a PEM bundle; installed as /etc/ssl/certs/ca-certificates.crt.",
    default: 'system'
  },
  {
    name: 'extra-ca-certificates',
    description:
      'PEM files (one a line, relative to working-directory) appended to the CA bundle, e.g. an internal CA.'
  },
  {
    name: 'files',
    description:
      'Lines SRC:DEST copying files or whole directories (SRC relative to working-directory) into the image, e.g. public:/public. Modes are normalised; setuid is stripped.'
  },
  {
    name: 'user',
    description:
      'User the program runs as, nonroot (65532:65532), root, nobody, or a numeric uid:gid.',
    default: '65532:65532'
  },
  {
    name: 'workdir',
    description: 'Working directory of the program in the image (absolute; created if missing).',
    default: '/'
  },
  {
    name: 'env',
    description:
      "KEY=VALUE lines set in the image (SSL_CERT_FILE and, with Go's zoneinfo.zip, ZONEINFO are set for you)."
  },
  {
    name: 'expose',
    description: 'Ports the program listens on, comma or newline separated, e.g. 8080 or 53/udp.'
  },
  {
    name: 'entrypoint',
    description: 'The command, as a JSON array or words. Default ["/BINARY-NAME"].'
  },
  { name: 'args', description: "Default arguments (the image's CMD), as a JSON array or words." },
  {
    name: 'labels',
    description:
      "KEY=VALUE lines of image labels (docker/metadata-action's labels output works as it is); org.opencontainers.image source, revision, created and version are filled from the GitHub context, and title, description and licenses from the event payload's repository. These lines override them."
  },
  {
    name: 'builder',
    description:
      'native (the action assembles the OCI image itself, no daemon) or docker (the Docker Engine builds the written Dockerfile, one build per platform).',
    default: 'native'
  },
  {
    name: 'image',
    description:
      "Repository to push to, without tag, e.g. ghcr.io/acme/app. Required when push is true. {{.Name}} stands for each main package's binary name (ghcr.io/acme/{{.Name}}). Several lines push the same digest to each registry (e.g. GHCR and Docker Hub): registry-username/registry-password are the first line's, the Docker config and GITHUB_TOKEN serve every line; all are logged in to before the build."
  },
  {
    name: 'tags',
    description:
      "Tags to push, one a line: plain tags (comma-separated allowed) or docker/metadata-action rules such as type=semver,pattern={{version}}, type=ref,event=branch, type=sha, type=raw,value=x, type=schedule, type=edge (with prefix=, suffix=, enable=, priority=), or image:tag lines of the images image names (docker/metadata-action's tags output). Default, semver tags on a tag push (latest on a release), the branch on a push, pr-N on a pull request, nightly on a schedule, plus sha-<7>."
  },
  {
    name: 'tags-latest',
    description:
      "The latest tag, as metadata-action's flavor latest=: auto adds it with a semver tag that is no pre-release (and type=ref,event=tag) unless the repository already has a newer release; true with every run; false never.",
    default: 'auto'
  },
  {
    name: 'tags-prefix',
    description:
      'Text put before every tag a rule gives (not latest, unless followed by ,onlatest=true), e.g. alpine-.'
  },
  {
    name: 'tags-suffix',
    description:
      'Text put after every tag a rule gives (not latest, unless followed by ,onlatest=true), e.g. -debug.'
  },
  {
    name: 'push-by-digest',
    description:
      'A matrix leg: push the image (usually one platform) without a tag; digest and digest-file say what to merge later with merge-digests.',
    default: 'false'
  },
  {
    name: 'merge-digests',
    description:
      "The merge step of a matrix: the legs' digests (one a line), or a folder of their digest files (from actions/download-artifact). Builds nothing; reads the legs from image, checks their platforms differ, gates their sizes and pushes one index under tags. Not with platforms or push-by-digest."
  },
  { name: 'push', description: 'Push the image to the registry.', default: 'true' },
  {
    name: 'load',
    description:
      "Load the image (the runner's platform) into the local Docker Engine, tagged as it would be pushed, so a later step can docker run it.",
    default: 'false'
  },
  {
    name: 'media-types',
    description:
      'oci, or docker for a registry that refuses OCI manifests (Docker schema 2 types; annotations are dropped).',
    default: 'oci'
  },
  {
    name: 'compression',
    description:
      'Layer codec: gzip (read by every client) or zstd (smaller; needs Node.js 22.15+ and a zstd-capable runtime, see docs/compatibility.md; not with media-types docker).',
    default: 'gzip'
  },
  {
    name: 'compression-level',
    description:
      'gzip 1 to 9 (libdeflate at that level), or max (the smallest gzip: libdeflate or zopfli, whichever is smaller; seconds per MB); zstd 1 to 22. Empty means 6 for gzip and 19 for zstd.'
  },
  {
    name: 'oci-layout',
    description:
      'Also write the image as an OCI image layout into this directory (works with push false).'
  },
  {
    name: 'insecure-registry',
    description:
      'Allow plain http, or https with a certificate that is not verified, for the registry (with a warning). Loopback registries may use plain http without it.',
    default: 'false'
  },
  {
    name: 'registry-ca-file',
    description:
      'A PEM file of CA certificates to trust, besides the default ones, for the registry of image and of compare-to and their token servers (a private registry with its own CA). Relative to the workspace.'
  },
  {
    name: 'registry-timeout',
    description:
      "Seconds any request may stay silent (connecting, sending, waiting, receiving) before it fails, 1 to 3600: registries and token servers, GitHub's API, the OIDC token and Sigstore. Retries of one registry request stop within max(90, 1.5 × this) seconds; of a GitHub, OIDC or Sigstore request within 2.5 × this, at most 150.",
    default: '60'
  },
  {
    name: 'registry-username',
    description:
      "Registry user name (Basic auth, or the token server's for Bearer), with registry-password. When both are empty, credentials come from the Docker config ($DOCKER_CONFIG/config.json or ~/.docker/config.json: credHelpers, credsStore, auths), else GITHUB_TOKEN for ghcr.io, else none (anonymous)."
  },
  {
    name: 'registry-password',
    description:
      'Registry password or token, with registry-username (both or neither; see registry-username for the lookup when both are empty). Masked in logs.'
  },
  {
    name: 'source-date-epoch',
    description:
      "Unix time for file mtimes and the image's created date. Default SOURCE_DATE_EPOCH, else the commit time, else 0."
  },
  {
    name: 'max-size',
    description:
      "Budget for each platform's compressed size (what one pull transfers): bytes, or 900KB, 10MB (MB = 10^6 bytes), 12MiB (MiB = 2^20 bytes). A build over it fails the step and is not pushed."
  },
  {
    name: 'compare-to',
    description:
      'Baseline image to compare sizes with, by tag or digest (e.g. ghcr.io/acme/app:main). Only its manifests and configs are read; a missing baseline is a warning. With several main packages, {{.Name}} gives each image its own (ghcr.io/acme/{{.Name}}:main).'
  },
  {
    name: 'max-size-increase',
    description:
      'Allowed growth over compare-to, as 5% or a size such as 200KB. More fails the step and is not pushed.'
  },
  {
    name: 'package-sizes',
    description:
      "Measure every Go package's bytes in one binary, linux/amd64's when built, else the largest (read from the built binary on amd64; elsewhere, and for cgo, by relinking an unstripped copy beside the push), for the summary and the size report: auto (when the image is pushed, compare-to or comment is set, or the binary is 4 MiB or more), true or false.",
    default: 'auto'
  },
  { name: 'summary', description: 'Write the size report to the job summary.', default: 'true' },
  {
    name: 'sbom',
    description:
      "The SBOM of each platform's image, built from what is in it (the binary's Go build information: main module, every dependency module with its version and h1 hash, the Go toolchain as the standard library, the build settings; the CA bundle and its Debian package; the tzdata release; passwd, group and the user's files with their sha256), written under RUNNER_TEMP (output sbom) and attached to the platform manifest as an OCI referrer: spdx (SPDX 2.3 JSON), cyclonedx (CycloneDX 1.6 JSON) or none.",
    default: 'spdx'
  },
  {
    name: 'provenance',
    description:
      "Sign SLSA v1 build provenance for the pushed digest and each platform manifest, keyless with Sigstore (as actions/attest-build-provenance), store it with GitHub's attestations API and attach it to the image as an OCI referrer; with an SBOM, attest that too. auto (when the job can mint an OIDC token, i.e. has permissions id-token write), true (fails before pushing without that permission) or false. Storing needs permissions attestations write.",
    default: 'auto'
  },
  {
    name: 'vulnerabilities',
    description:
      "Look up each platform's binary in the Go vulnerability database (vuln-db): its modules and the standard library at their versions, narrowed to the entries whose vulnerable functions are in the binary's function table (reachable) or only in a module it uses (module-only). Findings go to the job summary, the size report, the pull request comment, the SBOM and the outputs vulnerabilities and vulnerability-count. report (never fails the step; a database that cannot be used is a warning), fail (also fail the step before anything is pushed on a reachable finding not in vuln-allow, or when the database cannot be used) or off.",
    default: 'report'
  },
  {
    name: 'vuln-db',
    description:
      "The Go vulnerability database's base URL: https://vuln.go.dev, a mirror's http(s) URL in its layout (index/db.json, index/modules.json, ID/GO-YYYY-NNNN.json, fetched gzip-encoded), or a file: URL of a directory in that layout. Fetched once per run (registry-timeout bounds each request) and cached in the tool cache until its index/db.json says it changed.",
    default: 'https://vuln.go.dev'
  },
  {
    name: 'vuln-allow',
    description:
      'Vulnerabilities accepted, one a line: an ID (GO-YYYY-NNNN, or its CVE or GHSA alias), then optionally the reason after a space or a colon (GO-2024-1234: not reachable with our configuration). They are still listed, with the reason, but neither fail the step nor count in vulnerability-count.'
  },
  {
    name: 'comment',
    description:
      "Keep one comment per image on the pull request (pull_request and pull_request_target events) with the size verdict, the deltas per platform and layer, and the Go packages and modules that changed; updated in place on later runs. Needs permissions pull-requests write; a refused write (a fork's token) is a warning. Elsewhere a notice.",
    default: 'false'
  },
  {
    name: 'github-token',
    description:
      "Token for the pull request comment and GitHub's attestations API (provenance). Masked in logs.",
    default: '${{ github.token }}'
  },
  {
    name: 'comment-from',
    description:
      'Post the report file another job wrote (its report output) as the pull request comment, without building: the fork-safe pattern, from a workflow_run job. Every build input is then ignored.'
  }
]

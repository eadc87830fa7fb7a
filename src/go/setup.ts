// Sets Go up for the build: which version (the input or the version file), its install into the tool cache, and
// the restore of Go's build and module caches.

/** The Go inputs: go-version, go-version-file, go-download-base-url, check-latest and the cache controls. */
export interface GoOptions {
  /** go-version; empty means the version file decides. */
  version: string
  /** go-version-file, relative to working-directory; empty means go.mod. */
  versionFile: string
  downloadBaseUrl: string
  checkLatest: boolean
  /** cache: restore Go's caches (true or read). */
  cache: boolean
  /** cache: true (not read): the post step saves them. */
  cacheSave: boolean
  /** cache-dependency-path: absolute globs of the files whose hash keys the cache; empty means go.sum and go.mod. */
  cacheDependencyPath: string[]
}

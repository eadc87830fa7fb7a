// The media types of the SBOM formats, apart from their writers, so stages can name a format without loading its library.
/** The sbom input: the format attached to each platform manifest, or none. */
export type SbomFormat = 'spdx' | 'cyclonedx' | 'none'

export const SPDX_MEDIA_TYPE = 'application/spdx+json'
export const CYCLONEDX_MEDIA_TYPE = 'application/vnd.cyclonedx+json'

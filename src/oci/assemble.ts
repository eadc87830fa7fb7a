// Assembles the OCI images of every platform from their file plans, and checks them as a runtime would unpack them.
import type { Compression } from './compress.js'
import type { MediaTypes } from './image.js'

/** How the image is assembled: by us or by Docker, with which manifest types and layer codec. */
export interface AssembleOptions {
  builder: 'native' | 'docker'
  mediaTypes: MediaTypes
  /** The layer codec and its level (compression, compression-level). */
  compression: Compression
}

// The action's edge: reads inputs, runs the pipeline, sets outputs and the job summary; the only user of @actions/core.
import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseConfig } from './config.js'
import { execRunner } from './exec.js'
import type { Logger, ToolCache } from './ports.js'
import { runPipeline, type Result } from './pipeline.js'
import { formatBytes, sizeRows } from './report/size.js'

const logger: Logger = {
  info: m => core.info(m),
  warning: m => core.warning(m),
  debug: m => core.debug(m),
  group: (name, fn) => core.group(name, fn),
  mask: s => core.setSecret(s)
}

const toolCache: ToolCache = {
  find: (tool, version, arch) => tc.find(tool, version, arch),
  downloadTool: url => tc.downloadTool(url),
  extractTar: file => tc.extractTar(file),
  cacheDir: (dir, tool, version, arch) => tc.cacheDir(dir, tool, version, arch)
}

function setOutputs(r: Result): void {
  const sizes = Object.fromEntries(
    r.sizes.map(s => [
      s.platform,
      {
        size: s.size,
        uncompressedSize: s.uncompressedSize,
        configSize: s.configSize,
        binarySize: s.binarySize,
        layers: s.layers
      }
    ])
  )
  const outputs: Record<string, string | number> = {
    digest: r.digest,
    'image-ref': r.imageRef,
    tags: r.tags.join('\n'),
    size: r.size,
    'uncompressed-size': r.uncompressedSize,
    'binary-size': r.binarySize,
    sizes: JSON.stringify(sizes),
    'go-version': r.goVersion,
    dockerfile: r.dockerfile,
    context: r.context
  }
  for (const [k, v] of Object.entries(outputs)) core.setOutput(k, v)
  core.setOutput(
    'metadata',
    JSON.stringify({ ...outputs, sizes, tags: r.tags, ociLayout: r.ociLayout })
  )
}

async function writeSummary(r: Result): Promise<void> {
  const s = core.summary.addHeading('go-scratch-image', 2)
  s.addRaw(
    r.pushed
      ? `Pushed <code>${r.imageRef}</code> as ${r.tags.map(t => `<code>${t}</code>`).join(', ')}`
      : `Built <code>${r.digest}</code> (not pushed)`,
    true
  )
  s.addRaw(`Go ${r.goVersion}, binary ${formatBytes(r.binarySize)} (${r.binarySize} bytes)`, true)
  for (const p of r.sizes) {
    s.addHeading(`${p.platform}: ${formatBytes(p.size)} (${p.size} bytes)`, 3)
    const [head, ...rows] = sizeRows(p)
    s.addTable([head!.map(data => ({ data, header: true })), ...rows])
  }
  await s.write()
}

export async function run(): Promise<void> {
  try {
    // Mask first: nothing below may log the password, even in an error message.
    const password = core.getInput('registry-password')
    if (password) core.setSecret(password)
    const config = parseConfig(name => core.getInput(name), process.env)
    const tempDir = await mkdtemp(
      path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'go-scratch-image-')
    )
    const result = await runPipeline(config, {
      runner: execRunner,
      fetch: globalThis.fetch,
      toolCache,
      logger,
      env: process.env,
      nodeArch: process.arch,
      tempDir
    })
    setOutputs(result)
    if (config.summary && process.env.GITHUB_STEP_SUMMARY) await writeSummary(result)
  } catch (e) {
    core.setFailed(e instanceof Error ? e.message : String(e))
  }
}

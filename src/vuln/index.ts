// The vulnerability check's seams for the pipeline, in the order a run uses them; everything else in src/vuln/ is behind these.
//
// 1. Edge (config): parseVulnerabilities(get('vulnerabilities')), parseVulnDb(get('vuln-db')),
//    parseVulnAllow(get('vuln-allow')): InputErrors before anything is built.
// 2. Once per run, unless off: openVulnDb({ url, fetch, cacheDir, timeoutMs }); a VulnDbError from it (or from
//    checkBinary) goes to onDatabaseError(mode, error, logger.warning): a warning with report (then
//    skippedSection(message) stands for the result), thrown with fail.
// 3. Per platform's binary (after the build, before any push): checkBinary({ binary, buildInfo, db, allow }).
// 4. With fail, before the push: failureMessage(findings of every platform) is the step's error, if any.
// 5. vulnSection(results) is the size report's `vulnerabilities`; vulnOutputs(section) the outputs
//    vulnerabilities and vulnerability-count; vulnSummary(section) the job summary's part.
// 6. The comment: vulnVerdict(section, baseline) in the verdict, vulnNewTable(section, baseline) below it, the
//    baseline being readVulnSection(baselineReport.vulnerabilities) when that is no { missing }.
// 7. The SBOM of each platform: addVulnerabilities(cyclonedxBom(contents), result.findings) for CycloneDX,
//    spdxVulnerabilityNote(result.findings) as an SPDX annotation or comment.
export { blocking, checkBinary, failureMessage, onDatabaseError } from './check.js'
export type { VulnCheckOptions, VulnCheckResult } from './check.js'
export { openVulnDb, type VulnDb, type VulnDbOptions } from './database.js'
export {
  DEFAULT_VULN_DB,
  parseVulnAllow,
  parseVulnDb,
  parseVulnerabilities,
  type AllowEntry,
  type VulnMode
} from './inputs.js'
export type { VulnFinding } from './match.js'
export { vulnNewTable, vulnSummary, vulnVerdict } from './render.js'
export {
  readVulnSection,
  skippedSection,
  vulnOutputs,
  vulnSection,
  type RunFinding,
  type VulnSection
} from './report.js'
export { addVulnerabilities, spdxVulnerabilityNote } from './sbom.js'
export { VulnDbError, type VulnDbErrorKind } from './source.js'

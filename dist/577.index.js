export const id = 577;
export const ids = [577];
export const modules = {

/***/ 80606:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   addVulnerabilities: () => (/* binding */ addVulnerabilities),
/* harmony export */   spdxVulnerabilityNote: () => (/* binding */ spdxVulnerabilityNote)
/* harmony export */ });
/* harmony import */ var _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6820);
/* harmony import */ var _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50320);
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58282);
// Puts one platform's findings into its SBOM: CycloneDX 1.6 vulnerabilities with a VEX-style analysis (through @cyclonedx/cyclonedx-library, as src/sbom/cyclonedx.ts builds the BOM), and for SPDX 2.3, which has no such field, a note.



const { AnalysisState, AnalysisJustification, AffectStatus } = _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_0__.Vulnerability;
const V = _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_1__.Vulnerability;
const GO_DATABASE = 'Go Vulnerability Database';
/** The version a component of the BOM carries: the toolchain (go1.19.8) for the standard library. */
const componentVersion = (f) => (0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .displayVersion */ .ZJ)(f.module, f.version);
/**
 * One CycloneDX vulnerability per finding, affecting the BOM's component of its module (found by name and
 * version: src/sbom/cyclonedx.ts names Go modules by path, the standard library stdlib): analysis.state
 * exploitable for a reachable finding (with the symbols found as its detail), not_affected with justification
 * code_not_reachable for a module-only one; a vuln-allow reason goes into the detail. Findings whose module has
 * no component are left out (there is nothing for them to affect).
 */
function addVulnerabilities(bom, findings) {
    const components = [...bom.components];
    for (const f of findings) {
        const component = components.find(c => c.name === f.module && c.version === componentVersion(f));
        if (!component)
            continue;
        const source = new V.Source({
            name: GO_DATABASE,
            ...(/^GO-\d{4}-\d{4,}$/.test(f.id) ? { url: `https://pkg.go.dev/vuln/${f.id}` } : {})
        });
        const reachable = f.reachability === 'reachable';
        const detail = [
            reachable
                ? `Reachable: ${f.symbols.length ? f.symbols.join(', ') : `package ${f.packages.join(', ')}`} in the binary's function table.`
                : "None of its vulnerable symbols is in the binary's function table.",
            f.allowed ? `Accepted by vuln-allow${f.allowed.reason ? `: ${f.allowed.reason}` : ''}.` : ''
        ]
            .filter(Boolean)
            .join(' ');
        const vulnerability = new V.Vulnerability({
            bomRef: `vuln:${f.id}:${f.module}`,
            id: f.id,
            source,
            ...(f.summary ? { description: f.summary } : {}),
            ...(f.fixed
                ? { recommendation: `Upgrade ${f.module} to ${(0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .displayVersion */ .ZJ)(f.module, f.fixed)}.` }
                : {}),
            analysis: new V.Analysis({
                state: reachable ? AnalysisState.Exploitable : AnalysisState.NotAffected,
                ...(reachable ? {} : { justification: AnalysisJustification.CodeNotReachable }),
                detail
            })
        });
        for (const alias of f.aliases) {
            vulnerability.references.add(new V.Reference(alias, new V.Source({ name: aliasSource(alias) })));
        }
        vulnerability.affects.add(new V.Affect(component.bomRef, {
            versions: new V.AffectedVersionRepository([
                new V.AffectedSingleVersion(componentVersion(f), { status: AffectStatus.Affected })
            ])
        }));
        bom.vulnerabilities.add(vulnerability);
    }
}
const aliasSource = (alias) => alias.startsWith('CVE-')
    ? 'NVD'
    : alias.startsWith('GHSA-')
        ? 'GitHub Advisory Database'
        : 'other database';
/**
 * The note an SPDX 2.3 document carries instead (it has no vulnerability field): one line per finding, for a
 * document annotation or comment. Empty when there are none.
 */
function spdxVulnerabilityNote(findings) {
    if (!findings.length)
        return '';
    const lines = findings.map(f => `${f.id} in ${f.module} ${componentVersion(f)}: ${f.reachability === 'reachable' ? 'reachable' : 'not reachable (module only)'}` +
        (f.fixed ? `, fixed in ${(0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .displayVersion */ .ZJ)(f.module, f.fixed)}` : '') +
        (f.allowed
            ? `, accepted by vuln-allow${f.allowed.reason ? ` (${f.allowed.reason})` : ''}`
            : ''));
    return `Known vulnerabilities (Go vulnerability database, checked against the binary's function table):\n${lines.join('\n')}`;
}


/***/ })

};

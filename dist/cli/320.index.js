export const id = 320;
export const ids = [320,577];
export const modules = {

/***/ 29320:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

var _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1___namespace_cache;
__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CYCLONEDX_MEDIA_TYPE: () => (/* reexport safe */ _formats_js__WEBPACK_IMPORTED_MODULE_7__.G),
/* harmony export */   cyclonedxBom: () => (/* binding */ cyclonedxBom),
/* harmony export */   cyclonedxJson: () => (/* binding */ cyclonedxJson),
/* harmony export */   uuidV5: () => (/* binding */ uuidV5)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6820);
/* harmony import */ var _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50320);
/* harmony import */ var _cyclonedx_cyclonedx_library_Serialize__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51248);
/* harmony import */ var _cyclonedx_cyclonedx_library_Spec__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(94321);
/* harmony import */ var _spdx_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(86746);
/* harmony import */ var _vuln_sbom_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(80606);
/* harmony import */ var _formats_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5917);
// Writes one platform's image contents as a CycloneDX 1.6 JSON BOM (through @cyclonedx/cyclonedx-library), byte for byte the same for the same image.

// The subpath modules, not the package root: the root also loads the library's schema validators, whose
// __dirname breaks the action's ES module bundle.







const { ComponentType } = /*#__PURE__*/ (_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1___namespace_cache || (_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1___namespace_cache = __webpack_require__.t(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__, 2)));
const SHA256 = _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.HashAlgorithm['SHA-256'];
const SHA1 = _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.HashAlgorithm['SHA-1'];
/**
 * A name-based UUID (version 5, RFC 4122 §4.3) in the URL namespace: the same name, the same serial number, so
 * rebuilding the same image gives the same BOM. CycloneDX's schema accepts UUID versions 1 to 5 only.
 */
function uuidV5(name) {
    const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha1').update(ns).update(name).digest().subarray(0, 16);
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const hex = h.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const prop = (name, value) => new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Property(name, value);
function fileComponent(f) {
    return new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(ComponentType.File, `/${f.path}`, {
        bomRef: `file:/${f.path}`,
        hashes: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.HashDictionary([
            [SHA1, f.sha1],
            [SHA256, f.sha256]
        ]),
        properties: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.PropertyRepository([prop('go-scratch-image:layer', f.layer)])
    });
}
function goComponent(m, type) {
    const properties = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.PropertyRepository();
    if (m.sum)
        properties.add(prop('go-scratch-image:go.sum', m.sum));
    if (m.replaces)
        properties.add(prop('go-scratch-image:replaces', `${m.replaces.path} ${m.replaces.version}`));
    if (m.directory)
        properties.add(prop('go-scratch-image:replace-directory', m.directory));
    return new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(type, m.path, {
        bomRef: m.purl,
        purl: m.purl,
        ...(m.version ? { version: m.version } : {}),
        ...(m.sha256 ? { hashes: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.HashDictionary([[SHA256, m.sha256]]) } : {}),
        properties
    });
}
function debComponent(p, summary) {
    return new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(ComponentType.Data, p.name, {
        bomRef: p.purl,
        purl: p.purl,
        version: p.version,
        description: summary,
        supplier: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.OrganizationalEntity({ name: p.distro === 'ubuntu' ? 'Ubuntu' : 'Debian' })
    });
}
/** The CycloneDX 1.6 model of one platform's image: the image as metadata.component, the rest as components. */
function cyclonedxBom(c) {
    const image = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(ComponentType.Container, c.name, {
        bomRef: (0,_spdx_js__WEBPACK_IMPORTED_MODULE_5__/* .imagePurl */ .X6)(c),
        purl: (0,_spdx_js__WEBPACK_IMPORTED_MODULE_5__/* .imagePurl */ .X6)(c),
        version: c.manifest.digest,
        hashes: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.HashDictionary([[SHA256, c.manifest.digest.replace(/^sha256:/, '')]]),
        properties: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.PropertyRepository([
            prop('go-scratch-image:platform', c.platform),
            prop('go-scratch-image:manifest-media-type', c.manifest.mediaType)
        ])
    });
    const bom = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Bom({
        serialNumber: `urn:uuid:${uuidV5((0,_spdx_js__WEBPACK_IMPORTED_MODULE_5__/* .documentNamespace */ .Rz)(c))}`,
        metadata: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Metadata({
            timestamp: new Date(c.created),
            component: image,
            tools: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Tools({
                components: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.ComponentRepository([
                    new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(ComponentType.Application, _spdx_js__WEBPACK_IMPORTED_MODULE_5__/* .TOOL */ .js, { bomRef: `tool:${_spdx_js__WEBPACK_IMPORTED_MODULE_5__/* .TOOL */ .js}` })
                ])
            })
        })
    });
    const add = (component, parent = image) => {
        bom.components.add(component);
        parent.dependencies.add(component.bomRef);
    };
    const files = [
        c.binary,
        ...(c.caBundle ? [c.caBundle.file] : []),
        ...(c.zoneinfo?.zip ? [c.zoneinfo.zip] : []),
        ...c.files
    ];
    for (const f of files)
        add(fileComponent(f));
    const go = c.go;
    // The cdx:gomod properties of the CycloneDX property taxonomy, as cyclonedx-gomod writes them.
    const settings = go.settings.map(s => /^[A-Z][A-Z0-9_]*$/.test(s.key)
        ? prop(`cdx:gomod:build:env:${s.key}`, s.value)
        : prop(`cdx:gomod:build:setting:${s.key}`, s.value));
    const main = go.main
        ? goComponent(go.main, ComponentType.Application)
        : new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(ComponentType.Application, go.package, { bomRef: `go:${go.package}` });
    main.description = `The Go main module; main package ${go.package}, in /${c.binary.path}.`;
    for (const s of settings)
        main.properties.add(s);
    add(main);
    const stdlib = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(ComponentType.Library, 'stdlib', {
        bomRef: go.stdlibPurl,
        purl: go.stdlibPurl,
        version: go.toolchain,
        description: 'The Go standard library and runtime of the toolchain that built the binary.'
    });
    add(stdlib, main);
    for (const m of go.deps)
        add(goComponent(m, ComponentType.Library), main);
    if (c.caBundle?.package) {
        add(debComponent(c.caBundle.package, `Sources of /${c.caBundle.file.path}: ${c.caBundle.sources.join(', ')}.`));
    }
    for (const lib of c.libraries ?? []) {
        const component = debComponent(lib.package, `Shared libraries: ${lib.paths.map(f => `/${f}`).join(', ')}.`);
        component.type = ComponentType.Library;
        add(component, main);
    }
    const z = c.zoneinfo;
    if (z) {
        const summary = z.kind === 'zip'
            ? `Go's zoneinfo.zip from ${z.source} (the tzdata of the Go release).`
            : `Zoneinfo from ${z.source}: ${z.files} files${z.tzdata ? `, IANA tzdata ${z.tzdata}` : ''}.`;
        const tz = z.package
            ? debComponent(z.package, summary)
            : new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(ComponentType.Data, 'tzdata', {
                bomRef: `tzdata:${z.tzdata ?? z.kind}`,
                ...(z.tzdata ? { version: z.tzdata } : {}),
                description: summary
            });
        if (z.tzdata)
            tz.properties.add(prop('go-scratch-image:tzdata', z.tzdata));
        add(tz);
    }
    return bom;
}
/**
 * The BOM's bytes: CycloneDX 1.6 JSON, lists sorted (the library's reproducible mode), two-space indent; with the
 * platform's known vulnerabilities as its vulnerabilities, when the run checked.
 */
function cyclonedxJson(c, findings = []) {
    const serializer = new _cyclonedx_cyclonedx_library_Serialize__WEBPACK_IMPORTED_MODULE_3__.JsonSerializer(new _cyclonedx_cyclonedx_library_Serialize__WEBPACK_IMPORTED_MODULE_3__.JSON.Normalize.Factory(_cyclonedx_cyclonedx_library_Spec__WEBPACK_IMPORTED_MODULE_4__.Spec1dot6));
    const bom = cyclonedxBom(c);
    (0,_vuln_sbom_js__WEBPACK_IMPORTED_MODULE_6__.addVulnerabilities)(bom, findings);
    return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}


/***/ }),

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

export const id = 781;
export const ids = [781];
export const modules = {

/***/ 10781:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  blocking: () => (/* binding */ blocking),
  checkBinary: () => (/* binding */ checkBinary),
  failureMessage: () => (/* binding */ failureMessage),
  onDatabaseError: () => (/* binding */ onDatabaseError)
});

// EXTERNAL MODULE: ./lib/compile/buildinfo.js
var buildinfo = __webpack_require__(5945);
// EXTERNAL MODULE: ./lib/vuln/match.js
var match = __webpack_require__(58282);
// EXTERNAL MODULE: ./lib/vuln/source.js
var source = __webpack_require__(20870);
// EXTERNAL MODULE: ./lib/compile/elf.js
var compile_elf = __webpack_require__(65224);
// EXTERNAL MODULE: ./lib/compile/pclntab.js
var pclntab = __webpack_require__(66887);
;// CONCATENATED MODULE: ./lib/vuln/symbols.js
// The symbols a Go binary holds, per package, as govulncheck reads them: every function of its pclntab and every function inlined into one, named as the database names symbols (Func, Type.Method).


/**
 * The package and symbol of a pclntab function name, or undefined for what no package owns (compiler and linker
 * functions: go:…, type:…, go.…, type.…). Like govulncheck's parseName (debug/gosym's PackageName, ReceiverName
 * and BaseName): generic instantiations are dropped first (pkg.F[...] is F; pkg.(*T[...]).M is T.M, which
 * govulncheck leaves as T[...].M and so never matches), a pointer receiver loses its (* ) (pkg.(*T).M is T.M,
 * like pkg.T.M), closures keep their suffix (pkg.F.func1), and the package's %xx escapes (yaml%2ev3) are undone.
 */
function symbolOf(name) {
    const open = name.indexOf('[');
    const close = name.lastIndexOf(']');
    const bare = open >= 0 && close > open ? name.slice(0, open) + name.slice(close + 1) : name;
    // (The plain string tests first: a binary has some 10,000 names, and this is most of the table's time.)
    if (bare.startsWith('type') && /^type[:.]/.test(bare))
        return undefined;
    if (bare.startsWith('go:'))
        return undefined;
    // go.uber.org/zap.New is a package, told by the '/' of its path; go.buildid and go.itab.*T,I are the linker's.
    if (bare.startsWith('go.') && !/^[^\s()[\]{}*,;"]*\//.test(bare))
        return undefined;
    const dot = bare.indexOf('.', bare.lastIndexOf('/') + 1);
    if (dot <= 0 || dot === bare.length - 1)
        return undefined;
    let pkg = bare.slice(0, dot);
    if (pkg.includes('%')) {
        try {
            pkg = decodeURIComponent(pkg);
        }
        catch {
            // A malformed escape stays as it is: it can only fail to match.
        }
    }
    let symbol = bare.slice(dot + 1);
    if (symbol.startsWith('(*'))
        symbol = symbol.replace(/^\(\*([^)]*)\)/, '$1');
    return { pkg, symbol };
}
/** The table of a list of function names; `main` is the main package's import path, as the database names it. */
function tableFromNames(names, mainPath) {
    const table = new Map();
    for (const name of names) {
        const s = symbolOf(name);
        if (!s)
            continue;
        const pkg = s.pkg === 'main' && mainPath ? mainPath : s.pkg;
        let set = table.get(pkg);
        if (!set)
            table.set(pkg, (set = new Set()));
        set.add(s.symbol);
    }
    return table;
}
/**
 * Every function name of a Go ELF binary: the pclntab's funcnametab, which the linker fills with the name of each
 * function of the function table and of each function inlined into one (its inline trees refer to names there),
 * so it is the set govulncheck gathers by walking the functions and their inline trees, read in one pass
 * (go-httpbin: 9,439 names, 3 ms instead of 120 ms). Returns why not instead, for a file with no pclntab this
 * reads (not ELF, or Go 1.17 and older): then nothing can be said about symbols.
 */
function functionNames(binary) {
    const elf = (0,pclntab/* readElf */.oU)(binary);
    if (!elf)
        return 'not an ELF file';
    const pcln = elf.sections.find(s => s.name === '.gopclntab');
    if (!pcln)
        return 'no .gopclntab section';
    const tab = binary.subarray(pcln.offset, pcln.offset + pcln.size);
    if (tab.length < 8)
        return 'a truncated pclntab';
    const magic = new DataView(tab.buffer, tab.byteOffset, 4).getUint32(0, elf.littleEndian);
    const ptrSize = tab[7];
    // 0xfffffff0: Go 1.18 and 1.19; 0xfffffff1: Go 1.20 and later. Both: magic, pad, minLC, ptrSize, then nfunc,
    // nfiles, textStart, funcnameOffset, cuOffset, … as words.
    if ((magic !== 0xfffffff0 && magic !== 0xfffffff1) || (ptrSize !== 4 && ptrSize !== 8))
        return 'a pclntab layout this does not read (Go 1.18 or later is)';
    if (tab.length < 8 + 5 * ptrSize)
        return 'a truncated pclntab';
    const word = (0,compile_elf/* wordReader */.EA)(tab, ptrSize, elf.littleEndian);
    const from = word(8 + 3 * ptrSize);
    const to = word(8 + 4 * ptrSize);
    if (!(8 + 8 * ptrSize <= from && from <= to && to <= tab.length))
        return 'a damaged pclntab header';
    const names = Buffer.from(tab.buffer, tab.byteOffset + from, to - from)
        .toString('utf8')
        .split('\0');
    return names.filter(n => n !== '');
}

;// CONCATENATED MODULE: ./lib/vuln/check.js
// The vulnerability check of one binary, and what a run does with its result or its database's failure: the seams the pipeline calls (see each function's options).




/** Looks up the binary's modules (the standard library included) and says which entries are reachable in it. */
async function checkBinary(o) {
    const info = o.buildInfo ??
        (0,buildinfo/* readBuildInfo */.ro)(Buffer.from(o.binary.buffer, o.binary.byteOffset, o.binary.byteLength));
    const modules = (0,match/* binaryModules */.Lp)(info);
    const setting = (key) => info.settings.find(s => s.key === key)?.value || undefined;
    const goos = setting('GOOS');
    const goarch = setting('GOARCH');
    const entries = await o.db.entriesFor(modules);
    const names = functionNames(o.binary);
    const findings = (0,match/* matchFindings */.cF)({
        modules,
        entries,
        symbols: typeof names === 'string' ? undefined : tableFromNames(names, info.path),
        ...(goos ? { goos } : {}),
        ...(goarch ? { goarch } : {}),
        allow: o.allow ?? [],
        now: o.now ?? new Date()
    });
    return {
        database: { url: o.db.url, modified: o.db.modified },
        goVersion: info.goVersion,
        ...(goos && goarch ? { platform: `${goos}/${goarch}` } : {}),
        findings,
        ...(typeof names === 'string' ? { symbolsMissing: names } : {})
    };
}
/** The findings that fail the step with vulnerabilities: fail, and what output vulnerability-count counts. */
const blocking = (findings) => findings.filter(f => f.reachability === 'reachable' && !f.allowed);
/**
 * What a database that could not be used means for the run: with report, a warning (the check is skipped); with
 * fail, the step fails with the database's own message, which names vuln-db. With report the check never fails
 * the step, whatever went wrong: an error that is no VulnDbError (a binary it cannot read, a bug) is a warning
 * too, naming the check; with fail it is thrown as it is. Returns the warning.
 */
function onDatabaseError(mode, error, warn) {
    if (!(error instanceof source/* VulnDbError */.Yy)) {
        if (mode === 'fail')
            throw error;
        const message = `vulnerabilities: the check against vuln-db failed (${typeof error?.message === 'string' ? error.message : String(error)}). ` +
            `The vulnerability check was skipped.`;
        warn(message);
        return message;
    }
    if (mode === 'fail') {
        throw new source/* VulnDbError */.Yy(`${error.message} vulnerabilities: fail needs the database; set vulnerabilities: report to only warn ` +
            `when it cannot be used.`, error.kind);
    }
    const message = `${error.message} The vulnerability check was skipped.`;
    warn(message);
    return message;
}
/**
 * The message that fails the step with vulnerabilities: fail when a reachable finding is not allowed, before
 * anything is pushed; undefined when none is.
 */
function failureMessage(findings) {
    const bad = blocking(findings);
    if (bad.length === 0)
        return undefined;
    const ids = [...new Set(bad.map(f => f.id))];
    const list = bad.map(f => `${f.id} (${f.module}@${f.version}${f.fixed ? `, fixed in ${f.fixed}` : ''})`);
    return (`vulnerabilities: ${ids.length} reachable known ${ids.length === 1 ? 'vulnerability' : 'vulnerabilities'} ` +
        `in the binary: ${[...new Set(list)].join(', ')}. Upgrade the modules (or Go) to the fixed versions, or list ` +
        `the IDs in vuln-allow with the reason they are accepted.`);
}


/***/ }),

/***/ 20870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yy: () => (/* binding */ VulnDbError),
/* harmony export */   oD: () => (/* binding */ openSource)
/* harmony export */ });
/* unused harmony export DEFAULT_MAX_BYTES */
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38522);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73136);
/* harmony import */ var _go_mirror_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3943);
/* harmony import */ var _go_transfer_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(84815);
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(49729);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(28394);
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(30391);
// Reads one endpoint of a Go vulnerability database as Go's client does (http(s): ENDPOINT.json.gz, gunzipped; file: ENDPOINT.json), bounded in time and size, with typed errors that name vuln-db.








class VulnDbError extends _ports_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .d {
    kind;
    constructor(message, kind) {
        super(message);
        this.kind = kind;
        this.name = 'VulnDbError';
    }
}
/** vuln.go.dev's modules index is a few MB; an answer far beyond that is not a vulnerability database. */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const seconds = (ms) => `${+(ms / 1000).toFixed(3)} s`;
function openSource(o) {
    const max = o.maxBytes ?? DEFAULT_MAX_BYTES;
    const shown = (0,_go_mirror_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .BO)(o.url);
    const parse = (bytes, from) => {
        let text;
        try {
            // Go's client gunzips what it asked for as .json.gz; a server (or proxy) that already decoded it is fine too.
            text = (bytes[0] === 0x1f && bytes[1] === 0x8b
                ? (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.gunzipSync)(bytes, { maxOutputLength: max })
                : Buffer.from(bytes)).toString('utf8');
        }
        catch (e) {
            throw new VulnDbError(`vuln-db: ${from} is not valid gzip (${e.message}).`, 'malformed');
        }
        try {
            return { json: JSON.parse(text), from };
        }
        catch (e) {
            throw new VulnDbError(`vuln-db: ${from} is not JSON (${e.message}).`, 'malformed');
        }
    };
    if (o.url.startsWith('file:')) {
        const dir = (0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(o.url);
        return async (endpoint) => {
            const file = node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, `${endpoint}.json`);
            let bytes;
            try {
                bytes = await o.readFile(file);
            }
            catch (e) {
                const code = e.code;
                throw new VulnDbError(code === 'ENOENT'
                    ? `vuln-db: ${shown} has no ${endpoint}.json (${file} does not exist). Point vuln-db at a directory in the ` +
                        `Go vulnerability database's layout (index/db.json, index/modules.json, ID/GO-YYYY-NNNN.json).`
                    : `vuln-db: cannot read ${file} (${code ?? e.message}).`, code === 'ENOENT' ? 'missing' : 'unreachable');
            }
            if (bytes.length > max)
                throw new VulnDbError(`vuln-db: ${file} is over ${max} bytes.`, 'malformed');
            return parse(bytes, file);
        };
    }
    return async (endpoint) => {
        const url = `${o.url}/${endpoint}.json.gz`;
        const from = (0,_go_mirror_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .BO)(url);
        const { url: bare, headers } = (0,_go_mirror_js__WEBPACK_IMPORTED_MODULE_3__/* .splitCredentials */ .JD)(url);
        const controller = new AbortController();
        let timer;
        const expired = new Promise((_, reject) => {
            timer = setTimeout(() => {
                controller.abort();
                reject(new VulnDbError(`vuln-db: ${from} did not answer within ${seconds(o.timeoutMs)}. The database may be down or ` +
                    `unreachable from the runner.`, 'timeout'));
            }, o.timeoutMs);
        });
        const request = async () => {
            let res;
            try {
                res = await o.fetch(bare, { headers, signal: controller.signal, redirect: 'follow' });
            }
            catch (e) {
                // Through the run's HTTP layer (serviceFetch) a request that got no answer is a GaveUp whose message
                // names the limit it hit and the attempts; a bare fetch's error says only its cause.
                const gaveUp = e instanceof _http_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .GaveUp */ .TL;
                const silent = !!(0,_http_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .timeoutKind */ ._F)(gaveUp ? e.cause : e);
                throw new VulnDbError(`vuln-db: cannot reach ${from} (${gaveUp ? e.message : (0,_go_transfer_js__WEBPACK_IMPORTED_MODULE_4__/* .causeText */ .xv)(e)}). ` +
                    (silent
                        ? 'The database may be down or unreachable from the runner.'
                        : "Check the URL and the runner's network."), silent ? 'timeout' : 'unreachable');
            }
            if (res.status !== 200) {
                void res.body?.cancel().catch(() => undefined);
                const missing = res.status === 404;
                throw new VulnDbError(`vuln-db: ${from} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.` +
                    (missing
                        ? ` Is ${shown} a Go vulnerability database (https://vuln.go.dev or a mirror in its layout)?`
                        : ''), missing ? 'missing' : 'status');
            }
            return readCapped(res, max, from);
        };
        try {
            const bytes = await Promise.race([request(), expired]);
            return parse(bytes, from);
        }
        finally {
            clearTimeout(timer);
        }
    };
}
/** The body, refused past max bytes instead of buffering whatever a server sends. */
async function readCapped(res, max, from) {
    const chunks = [];
    let total = 0;
    const reader = res.body?.getReader();
    if (!reader)
        return new Uint8Array();
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            total += value.length;
            if (total > max) {
                void reader.cancel().catch(() => undefined);
                throw new VulnDbError(`vuln-db: ${from} sent more than ${max} bytes.`, 'malformed');
            }
            chunks.push(value);
        }
    }
    catch (e) {
        if (e instanceof VulnDbError)
            throw e;
        throw new VulnDbError(`vuln-db: reading ${from} failed (${(0,_go_transfer_js__WEBPACK_IMPORTED_MODULE_4__/* .causeText */ .xv)(e)}). Check the runner's network.`, 'unreachable');
    }
    return Buffer.concat(chunks);
}


/***/ })

};

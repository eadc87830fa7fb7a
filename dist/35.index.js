export const id = 35;
export const ids = [35];
export const modules = {

/***/ 31035:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_TIMEOUT_MS: () => (/* binding */ DEFAULT_TIMEOUT_MS),
  openVulnDb: () => (/* binding */ openVulnDb)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/go/mirror.js
var mirror = __webpack_require__(3943);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js
var api = __webpack_require__(43759);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 10 modules
var schemas = __webpack_require__(13798);
;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/iso.js



function datetime(params) {
    return api/* _isoDateTime */.G1(schemas/* ZodISODateTime */.You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}

;// CONCATENATED MODULE: ./lib/vuln/schema.js
// The Go vulnerability database's answers as zod schemas (index/db.json, index/modules.json, OSV entries), so nothing it says is used unchecked.

/** An RFC 3339 time, as Go's time.Time reads it ("2023-04-03T15:57:51Z"). */
const schema_time = datetime({ offset: true });
/**
 * A vulnerability ID as it may appear in a URL and a file name: letters and digits in dash-separated groups
 * (GO-2024-1234, GHSA-xxxx-xxxx-xxxx), so no answer can name a path outside the cache or the database.
 */
const ID_PATTERN = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const id = schemas/* string */.YjP().regex(ID_PATTERN, 'not an ID of letters and digits in dash-separated groups');
/** index/db.json: when the database last changed. */
const dbMetaSchema = schemas/* object */.Ikc({ modified: schema_time });
/**
 * index/modules.json: each module and, per vulnerability, its last fix (bare semver, no v). Thousands of items,
 * checked on every run: the IDs are checked as IDs where they are used (database.ts), and modified, which
 * nothing reads, only as a string, which keeps this a few milliseconds.
 */
const modulesIndexSchema = schemas/* array */.YOg(schemas/* object */.Ikc({
    path: schemas/* string */.YjP().min(1),
    vulns: schemas/* array */.YOg(schemas/* object */.Ikc({ id: schemas/* string */.YjP().min(1), modified: schemas/* string */.YjP(), fixed: schemas/* string */.YjP().optional() }))
        .nullish()
        .transform(v => v ?? [])
}));
/** A module's vulnerabilities as the cache keeps them: the ID and the last fix. */
const indexVulnsSchema = schemas/* array */.YOg(schemas/* object */.Ikc({ id: schemas/* string */.YjP().min(1), fixed: schemas/* string */.YjP().optional() }));
const rangeEvent = schemas/* object */.Ikc({
    introduced: schemas/* string */.YjP().optional(),
    fixed: schemas/* string */.YjP().optional()
});
const importedPackage = schemas/* object */.Ikc({
    path: schemas/* string */.YjP().min(1),
    goos: schemas/* array */.YOg(schemas/* string */.YjP()).nullish(),
    goarch: schemas/* array */.YOg(schemas/* string */.YjP()).nullish(),
    symbols: schemas/* array */.YOg(schemas/* string */.YjP()).nullish()
});
const affected = schemas/* object */.Ikc({
    package: schemas/* object */.Ikc({ name: schemas/* string */.YjP().min(1), ecosystem: schemas/* string */.YjP().optional() }),
    ranges: schemas/* array */.YOg(schemas/* object */.Ikc({ type: schemas/* string */.YjP(), events: schemas/* array */.YOg(rangeEvent) }))
        .nullish()
        .transform(r => r ?? []),
    ecosystem_specific: schemas/* object */.Ikc({
        imports: schemas/* array */.YOg(importedPackage)
            .nullish()
            .transform(i => i ?? [])
    })
        .nullish()
        .transform(e => e ?? { imports: [] })
});
/** ID/$id.json: one report in the OSV schema, with the fields the Go database gives meaning to. */
const osvEntrySchema = schemas/* object */.Ikc({
    id,
    modified: schema_time,
    published: schema_time.optional(),
    withdrawn: schema_time.nullish(),
    aliases: schemas/* array */.YOg(schemas/* string */.YjP())
        .nullish()
        .transform(a => a ?? []),
    summary: schemas/* string */.YjP().nullish(),
    details: schemas/* string */.YjP().nullish(),
    affected: schemas/* array */.YOg(affected)
        .nullish()
        .transform(a => a ?? []),
    database_specific: schemas/* object */.Ikc({ url: schemas/* string */.YjP().optional() }).nullish()
});
/** The first few problems of a failed parse, each with where it is: `affected[0].ranges: expected array`. */
function describeIssues(error, max = 3) {
    const lines = error.issues.slice(0, max).map(i => {
        const where = i.path.reduce((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
        return `${where || '(top level)'}: ${i.message.replace(/^Invalid input: /, '')}`;
    });
    const more = error.issues.length - lines.length;
    return lines.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

// EXTERNAL MODULE: ./lib/vuln/source.js
var vuln_source = __webpack_require__(20870);
// EXTERNAL MODULE: ./lib/vuln/version.js
var version = __webpack_require__(43475);
;// CONCATENATED MODULE: ./lib/vuln/database.js
// The Go vulnerability database client: index/db.json once per run, then the modules index and the entries a binary's modules need, each validated and cached on disk under db.json's modified time.







const DEFAULT_TIMEOUT_MS = 30_000;
/** How many entries are fetched at once, as Go's client (errgroup SetLimit(10)). */
const CONCURRENCY = 10;
/** A version Go cannot compare: no entry can be matched against it (govulncheck's affected()). */
const unknownVersion = (v) => v === '' || v === '(devel)';
function validate(schema, json, what, from) {
    const r = schema.safeParse(json);
    if (r.success)
        return r.data;
    throw new vuln_source/* VulnDbError */.Yy(`vuln-db: ${what} (${from}) is not what the Go vulnerability database protocol describes: ` +
        `${describeIssues(r.error)}. Check that vuln-db points at a Go vulnerability database or a faithful mirror.`, 'malformed');
}
/** Reads db.json (the one request a warm run makes) and returns the client for the rest. */
async function openVulnDb(o) {
    const readFile = o.readFile ?? promises_.readFile;
    const source = (0,vuln_source/* openSource */.oD)({
        url: o.url,
        fetch: o.fetch,
        readFile,
        timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS
    });
    const db = await source('index/db');
    const { modified } = validate(dbMetaSchema, db.json, 'index/db.json', db.from);
    const cache = o.cacheDir && !o.url.startsWith('file:')
        ? cacheAt(o.cacheDir, o.url, modified, readFile)
        : undefined;
    const fetchIndex = async () => {
        const got = await source('index/modules');
        const list = validate(modulesIndexSchema, got.json, 'index/modules.json', got.from);
        const byPath = Object.create(null);
        for (const m of list)
            for (const v of m.vulns)
                (byPath[m.path] ??= []).push(v.fixed ? { id: v.id, fixed: v.fixed } : { id: v.id });
        await cache?.write('modules', byPath);
        return { vulnsOf: p => byPath[p] ?? [], from: got.from };
    };
    // The cache keeps the index as {path: [{id, fixed}]}: a warm run parses it and validates only the modules it
    // looks up, not the thousands it does not (a few milliseconds instead of tens).
    const cachedIndex = async () => {
        const kept = await cache?.read('modules');
        if (!kept || typeof kept !== 'object' || Array.isArray(kept))
            return undefined;
        const byPath = kept;
        return {
            from: 'the cached modules index',
            vulnsOf: p => {
                if (!Object.hasOwn(byPath, p))
                    return [];
                const r = indexVulnsSchema.safeParse(byPath[p]);
                return r.success ? r.data : undefined;
            }
        };
    };
    let index;
    // The entries are cached together, in one file (one read for a warm run instead of one per entry).
    let cachedEntries;
    const kept = () => (cachedEntries ??= (cache?.read('entries') ?? Promise.resolve(undefined)).then(v => v && typeof v === 'object' && !Array.isArray(v) ? v : {}));
    const fetched = new Map();
    const entries = new Map();
    const entry = (id) => {
        let p = entries.get(id);
        if (!p) {
            p = (async () => {
                const copy = osvEntrySchema.safeParse((await kept())[id]);
                if (copy.success && copy.data.id === id)
                    return copy.data;
                const got = await source(`ID/${id}`);
                const e = validate(osvEntrySchema, got.json, `the entry ${id}`, got.from);
                if (e.id !== id)
                    throw new vuln_source/* VulnDbError */.Yy(`vuln-db: the entry ${id} holds the report ${e.id}. The database is inconsistent; check vuln-db.`, 'malformed');
                // Kept as validated, details cut to what a finding shows: the file a warm run reads stays small.
                fetched.set(id, { ...e, details: e.summary ? undefined : e.details?.split('\n')[0] });
                return e;
            })();
            entries.set(id, p);
        }
        return p;
    };
    // Writes go one after another, each with every entry fetched so far.
    let writing = Promise.resolve();
    const save = () => (writing = writing.then(async () => {
        if (cache && fetched.size)
            await cache.write('entries', { ...(await kept()), ...Object.fromEntries(fetched) });
    }));
    return {
        url: (0,mirror/* redactUrl */.BO)(o.url),
        modified,
        async entriesFor(modules) {
            const known = modules.filter(m => !unknownVersion(m.version));
            let lookup = await (index ??= cachedIndex().then(i => i ?? fetchIndex()));
            // A cached copy that does not validate (a crash mid-write, a hand edit) is fetched again, not trusted.
            if (known.some(m => lookup.vulnsOf(m.path) === undefined))
                lookup = await (index = fetchIndex());
            const { from } = lookup;
            const wanted = new Map();
            for (const m of known) {
                const ids = lookup
                    .vulnsOf(m.path)
                    .filter(v => !v.fixed || (0,version/* less */.M7)(m.version, v.fixed))
                    .map(v => v.id);
                wanted.set(m.path, [...new Set([...(wanted.get(m.path) ?? []), ...ids])]);
            }
            const all = [...new Set([...wanted.values()].flat())];
            // An ID becomes part of a URL and a cache key: one that could be a path is refused before either.
            const bad = all.find(id => !ID_PATTERN.test(id));
            if (bad !== undefined) {
                throw new vuln_source/* VulnDbError */.Yy(`vuln-db: index/modules.json (${from}) lists the entry '${bad.slice(0, 100)}', which is not an ID ` +
                    `(letters and digits in dash-separated groups, like GO-2024-1234). Check vuln-db.`, 'malformed');
            }
            const got = new Map();
            await pool(all, CONCURRENCY, async (id) => void got.set(id, await entry(id)));
            await save();
            const out = new Map();
            for (const [p, ids] of wanted)
                if (ids.length)
                    out.set(p, ids.sort().map(id => got.get(id)));
            return out;
        }
    };
}
/** Runs fn over items, at most `limit` at a time; the first failure is thrown once all started ones end. */
async function pool(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
/**
 * The cache folder of one database at one modified time: DIR/<hash of the URL>/<modified>/NAME.json. The first
 * write under a new modified time removes the folders of older ones, so the cache holds one version.
 */
function cacheAt(dir, url, modified, readFile) {
    const base = external_node_path_.join(dir, (0,external_node_crypto_.createHash)('sha256').update(url).digest('hex').slice(0, 16));
    // modified passed the RFC 3339 check: only digits, letters, '-', ':', '.', '+' remain to be made file-safe.
    const version = modified.replace(/[^0-9A-Za-z]/g, '');
    const here = external_node_path_.join(base, version);
    let pruned = false;
    return {
        async read(name) {
            try {
                return JSON.parse(Buffer.from(await readFile(external_node_path_.join(here, `${name}.json`))).toString());
            }
            catch {
                return undefined;
            }
        },
        async write(name, json) {
            const file = external_node_path_.join(here, `${name}.json`);
            // A write that fails leaves the run as it was: the answer is already in hand, only the next run pays.
            try {
                await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
                if (!pruned) {
                    pruned = true;
                    for (const old of await (0,promises_.readdir)(base))
                        if (old !== version)
                            await (0,promises_.rm)(external_node_path_.join(base, old), { recursive: true, force: true });
                }
                // Written aside and renamed, so a concurrent job never reads half a file.
                const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
                await (0,promises_.writeFile)(tmp, JSON.stringify(json));
                await (0,promises_.rename)(tmp, file);
            }
            catch {
                return;
            }
        }
    };
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

// Command debian-goproxy writes a Go module proxy, to be served as GOPROXY=file://DIR, from Debian's Go library
// packages (/usr/share/gocode/src), so that tests build programs with real third-party modules and real h1:
// hashes on a machine with no module proxy.
//
// Input, one line per Debian package on stdin: "SOURCE_DIR DEBIAN_VERSION". Each becomes one module: its path is
// the go.mod's module line (or, without a go.mod, the directory's path under the gocode root, as Go itself
// synthesizes), its version the Debian version mapped to semver (1.9.0-1 -> v1.9.0, 2.0.2+ds1-1 -> v2.0.2,
// 1.0.6~git20210604-d5e0c0615ace-1 -> v1.0.6-0.20210604000000-d5e0c0615ace), raised to the highest version any
// go.mod of the set requires, so that minimal version selection picks the Debian source. The zip is made by
// golang.org/x/mod/zip, Go's own module zip writer (paths prefixed MODULE@VERSION/, vendor directories and nested
// modules left out), so Go computes the same h1: hash it would for the upstream layout of those files.
//
// Every other module version some go.mod of the set requires (older versions, or modules Debian does not ship,
// e.g. test-only dependencies) gets a go.mod that holds only its module line: Go reads those go.mod files to
// build the module graph, but never selects or downloads these versions, since none provides a package the
// program imports. The file versions.txt lists "MODULE VERSION" for each real module.
//
// Built in GOPATH mode against Debian's golang-golang-x-mod-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/debian-goproxy.go OUT_DIR < packages.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	modzip "golang.org/x/mod/zip"
)

const gocode = "/usr/share/gocode/src"

type mod struct {
	dir     string
	path    string
	version string
	gomod   []byte
	file    *modfile.File
}

var (
	epoch    = regexp.MustCompile(`^\d+:`)
	snapshot = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)~git(\d{8})[.-]([0-9a-f]{7,40})$`)
	release  = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
)

// semverOf maps a Debian version to the Go module version of the same source.
func semverOf(deb string) (string, error) {
	v := epoch.ReplaceAllString(deb, "")
	if i := strings.LastIndex(v, "-"); i > 0 && !strings.Contains(v[i:], "~") && !snapshot.MatchString(v) {
		v = v[:i] // the Debian revision
	}
	if i := strings.Index(v, "+"); i > 0 {
		v = v[:i] // +ds1, +dfsg, +really…: repackaging of the same upstream
	}
	if release.MatchString(v) {
		return "v" + v, nil
	}
	if m := snapshot.FindStringSubmatch(v); m != nil {
		rev := m[5]
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if m[1] == "0" && m[2] == "0" && m[3] == "0" {
			return fmt.Sprintf("v0.0.0-%s000000-%s", m[4], rev), nil
		}
		// A snapshot before X.Y.Z, after X.Y.(Z-1): Go's pseudo-version for it.
		return fmt.Sprintf("v%s.%s.%s-0.%s000000-%s", m[1], m[2], m[3], m[4], rev), nil
	}
	return "", fmt.Errorf("cannot map Debian version %q to a module version", deb)
}

func escaped(path string) string {
	e, err := module.EscapePath(path)
	if err != nil {
		panic(err)
	}
	return e
}

func writeFile(name string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		panic(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		panic(err)
	}
}

func info(version string) []byte {
	t := "2000-01-01T00:00:00Z"
	if module.IsPseudoVersion(version) {
		if pt, err := module.PseudoVersionTime(version); err == nil {
			t = pt.UTC().Format("2006-01-02T15:04:05Z")
		}
	}
	return []byte(fmt.Sprintf("{\"Version\":%q,\"Time\":%q}\n", version, t))
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: debian-goproxy OUT_DIR < 'SOURCE_DIR DEBIAN_VERSION' lines")
		os.Exit(2)
	}
	out := os.Args[1]
	var mods []*mod
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 {
			continue
		}
		m := &mod{dir: fields[0]}
		v, err := semverOf(fields[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		m.version = v
		if data, err := os.ReadFile(filepath.Join(m.dir, "go.mod")); err == nil {
			f, err := modfile.Parse(filepath.Join(m.dir, "go.mod"), data, nil)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			m.path, m.gomod, m.file = f.Module.Mod.Path, data, f
		} else {
			rel, err := filepath.Rel(gocode, m.dir)
			if err != nil || strings.HasPrefix(rel, "..") {
				fmt.Fprintf(os.Stderr, "%s is not under %s\n", m.dir, gocode)
				os.Exit(1)
			}
			m.path = filepath.ToSlash(rel)
			m.gomod = []byte(fmt.Sprintf("module %s\n", m.path))
		}
		mods = append(mods, m)
	}
	// Every version of every module that a go.mod of the set requires.
	required := map[string]map[string]bool{}
	for _, m := range mods {
		if m.file == nil {
			continue
		}
		for _, r := range m.file.Require {
			if required[r.Mod.Path] == nil {
				required[r.Mod.Path] = map[string]bool{}
			}
			required[r.Mod.Path][r.Mod.Version] = true
		}
	}
	real := map[string]string{}
	for _, m := range mods {
		for v := range required[m.path] {
			if semver.Compare(v, m.version) > 0 {
				fmt.Fprintf(os.Stderr, "%s: Debian's %s published as %s, the version the set requires\n", m.path, m.version, v)
				m.version = v
			}
		}
		if err := module.Check(m.path, m.version); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		real[m.path] = m.version
		dir := filepath.Join(out, escaped(m.path), "@v")
		writeFile(filepath.Join(dir, "list"), []byte(m.version+"\n"))
		writeFile(filepath.Join(dir, m.version+".info"), info(m.version))
		writeFile(filepath.Join(dir, m.version+".mod"), m.gomod)
		zf, err := os.Create(filepath.Join(dir, m.version+".zip"))
		if err != nil {
			panic(err)
		}
		if err := modzip.CreateFromDir(zf, module.Version{Path: m.path, Version: m.version}, m.dir); err != nil {
			fmt.Fprintf(os.Stderr, "%s@%s: %v\n", m.path, m.version, err)
			os.Exit(1)
		}
		if err := zf.Close(); err != nil {
			panic(err)
		}
	}
	var lines []string
	for path, versions := range required {
		for v := range versions {
			if real[path] == v {
				continue
			}
			dir := filepath.Join(out, escaped(path), "@v")
			writeFile(filepath.Join(dir, v+".info"), info(v))
			writeFile(filepath.Join(dir, v+".mod"), []byte(fmt.Sprintf("module %s\n", path)))
		}
	}
	for path, v := range real {
		lines = append(lines, path+" "+v)
	}
	sort.Strings(lines)
	writeFile(filepath.Join(out, "versions.txt"), []byte(strings.Join(lines, "\n")+"\n"))
}

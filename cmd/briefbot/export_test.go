package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// export then import into an empty database gives the same digest; an
// import into a database holding data is refused with a clear error.
func TestExportImport(t *testing.T) {
	t.Parallel()
	srv := newNewsServer()
	defer srv.Close()
	srcs := []testSource{{Name: "Wire", URL: srv.URL + "/wire"}, {Name: "Region", URL: srv.URL + "/region"}}
	cfg := writeConfig(t, srcs...)
	mustRun(t, "poll", "--once", "--config", cfg)
	mustRun(t, "--config", cfg, "chat", "--channel", "desk")
	archive := mustRun(t, "--config", cfg, "export")
	path := filepath.Join(t.TempDir(), "archive.jsonl")
	if err := os.WriteFile(path, []byte(archive.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(archive.stdout, `{"format":"briefbot-export","version":1,`) || !strings.Contains(archive.stderr, "items ") {
		t.Fatalf("export:\n%s", archive)
	}

	// The same installation on a new, empty database.
	other := writeConfig(t, srcs...)
	imp := mustRun(t, "--config", other, "import", path)
	if !strings.Contains(imp.stderr, "imported") {
		t.Errorf("import:\n%s", imp)
	}
	before := mustRun(t, "--config", cfg, "digest", "--since", "72h")
	after := mustRun(t, "--config", other, "digest", "--since", "72h")
	strip := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, "generated") && !strings.Contains(l, "Window") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(before.stdout) != strip(after.stdout) || !strings.Contains(after.stdout, "Shebekino") {
		t.Errorf("digest differs after the move:\n%s\n---\n%s", before.stdout, after.stdout)
	}
	// Importing again: refused, nothing changed.
	r := bb(t, "--config", other, "import", path)
	if r.code == 0 || !strings.Contains(r.stderr, "not empty") {
		t.Errorf("second import:\n%s", r)
	}
}

func TestMigrateCommand(t *testing.T) {
	t.Parallel()
	cfg := writeConfig(t)
	if r := mustRun(t, "--config", cfg, "migrate", "status"); !strings.Contains(r.stdout, "schema version 0 of") || !strings.Contains(r.stdout, "pending") {
		t.Errorf("status of a new database:\n%s", r)
	}
	if r := mustRun(t, "--config", cfg, "migrate"); !strings.Contains(r.stdout, "migrated the schema from version 0 to") {
		t.Errorf("migrate:\n%s", r)
	}
	if r := mustRun(t, "--config", cfg, "migrate", "status"); !strings.Contains(r.stdout, "up to date") {
		t.Errorf("status after migrating:\n%s", r)
	}
	if r := bb(t, "--config", cfg, "migrate", "down"); r.code != 2 || !strings.Contains(r.stderr, "up or status") {
		t.Errorf("migrate down:\n%s", r)
	}
}

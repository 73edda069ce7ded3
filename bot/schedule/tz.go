package schedule

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// loadZone resolves a user's time zone word. Users type zones in any case
// (europe/kyiv), so the name is matched case-insensitively against the OS
// tz database and the database's own spelling is kept, which keeps String
// canonical. Names the OS database lacks fall back to time.LoadLocation's
// exact match (Go's embedded or GOROOT copy, and "Local").
func loadZone(name string) (*time.Location, error) {
	if strings.EqualFold(name, "UTC") {
		return time.UTC, nil
	}
	if !plausibleZoneName(name) {
		return nil, unknownZone(name, "")
	}
	if canon, ok := canonicalZoneName(name); ok {
		if loc, err := time.LoadLocation(canon); err == nil {
			return loc, nil
		}
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc, nil
	}
	return nil, unknownZone(name, suggestZone(name))
}

func unknownZone(name, suggestion string) error {
	hint := ""
	if suggestion != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", quote(suggestion))
	}
	return fmt.Errorf("unknown time zone %s%s; want an IANA name such as Europe/Brussels, America/New_York or UTC", quote(name), hint)
}

// plausibleZoneName keeps anything that is not a tz-database-looking name
// (paths, "..", spaces) away from the file system.
func plausibleZoneName(name string) bool {
	if name == "" || len(name) > 64 || name[0] == '/' || name[len(name)-1] == '/' {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." || part[0] == '.' {
			return false
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '/' || c == '_' || c == '-' || c == '+' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// zoneDirs are where Go looks for the OS tz database on Unix, in its order.
func zoneDirs() []string {
	dirs := []string{"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo"}
	if z := os.Getenv("ZONEINFO"); z != "" {
		if fi, err := os.Stat(z); err == nil && fi.IsDir() {
			dirs = append([]string{z}, dirs...)
		}
	}
	return dirs
}

// canonicalZoneName walks the tz database one path element at a time, so a
// lookup reads two small directories rather than the whole tree. An exact
// match wins; otherwise the first case-insensitive one in directory order.
func canonicalZoneName(name string) (string, bool) {
	parts := strings.Split(name, "/")
	for _, dir := range zoneDirs() {
		canon := make([]string, 0, len(parts))
		cur := dir
		for _, part := range parts {
			entries, err := os.ReadDir(cur)
			if err != nil {
				break
			}
			found := ""
			for _, e := range entries {
				if e.Name() == part {
					found = part
					break
				}
				if found == "" && strings.EqualFold(e.Name(), part) {
					found = e.Name()
				}
			}
			if found == "" {
				break
			}
			canon = append(canon, found)
			cur = filepath.Join(cur, found)
		}
		if len(canon) == len(parts) {
			return strings.Join(canon, "/"), true
		}
	}
	return "", false
}

// suggestZone finds the zone a user most likely meant ("Kyiv" ->
// "Europe/Kyiv", "Europe/Kiev2" -> "Europe/Kiev"). It walks the whole
// database, which is fine on the error path only.
func suggestZone(name string) string {
	lname := strings.ToLower(name)
	withRegion := strings.Contains(name, "/")
	// Short names get a tighter limit, or "local" would suggest "Asia/Oral".
	limit := min(2, max(1, len(lname)/4)) + 1
	best, bestDist := "", limit
	for _, dir := range zoneDirs() {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, rerr := filepath.Rel(dir, path)
			if rerr != nil || rel == "." {
				return nil
			}
			base := d.Name()
			if d.IsDir() {
				if base == "posix" || base == "right" {
					return filepath.SkipDir
				}
				return nil
			}
			// Data files (zone.tab, tzdata.zi, leapseconds) are not zones.
			if strings.Contains(base, ".") || base[0] < 'A' || base[0] > 'Z' {
				return nil
			}
			rel = filepath.ToSlash(rel)
			cand := strings.ToLower(base)
			if withRegion {
				cand = strings.ToLower(rel)
			}
			if dist := levenshtein(lname, cand, bestDist); dist < bestDist || dist == bestDist && dist < limit && rel < best {
				best, bestDist = rel, dist
			}
			return nil
		})
		return best
	}
	return ""
}

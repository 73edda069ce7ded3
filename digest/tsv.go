package digest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readTSV reads a data file of TAB-separated rows under a header line that
// names the columns; blank lines and lines starting with # are skipped.
// Every name in required must be a column. row is called for each data
// line with a getter that returns a column's trimmed value ("" when the
// column or the cell is absent).
func readTSV(r io.Reader, required []string, row func(line int, get func(col string) string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var col map[string]int
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if col == nil {
			col = map[string]int{}
			for i, name := range f {
				col[strings.TrimSpace(name)] = i
			}
			for _, need := range required {
				if _, ok := col[need]; !ok {
					return fmt.Errorf("line %d: header lacks column %q", line, need)
				}
			}
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(f) {
				return strings.TrimSpace(f[i])
			}
			return ""
		}
		if err := row(line, get); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if col == nil {
		return errors.New("empty file: no header line")
	}
	return nil
}

package config

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder walks the YAML node tree itself, rather than using yaml's own
// KnownFields mode, so every error can name the file, the line and the
// dotted key, and so ${NAME} expansion happens on values, never on keys.
type decoder struct {
	file   string
	getenv func(string) string
	lines  map[string]int
	errs   Errors
}

var (
	durationType = reflect.TypeOf(Duration(0))
	sizeType     = reflect.TypeOf(Size(0))
)

func (d *decoder) fail(n *yaml.Node, key, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Line: n.Line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) decode(n *yaml.Node, key string, out any) {
	d.value(n, key, reflect.ValueOf(out).Elem())
}

func (d *decoder) value(n *yaml.Node, key string, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if key != "" {
		d.lines[key] = n.Line
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "key:" with no value keeps the default
	}
	switch {
	case v.Type() == durationType:
		s, ok := d.scalar(n, key)
		if !ok {
			return
		}
		dur, err := ParseDuration(s)
		if err != nil {
			d.fail(n, key, "%v", err)
			return
		}
		v.SetInt(int64(dur))
		return
	case v.Type() == sizeType:
		s, ok := d.scalar(n, key)
		if !ok {
			return
		}
		sz, err := ParseSize(s)
		if err != nil {
			d.fail(n, key, "%v", err)
			return
		}
		v.SetInt(sz)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(n, key, p.Elem())
		v.Set(p)
	case reflect.Struct:
		d.structValue(n, key, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, key, "must be a list")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, fmt.Sprintf("%s[%d]", key, i), s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.fail(n, key, "must be a mapping")
			return
		}
		m := reflect.MakeMap(v.Type())
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			ev := reflect.New(v.Type().Elem()).Elem()
			d.value(n.Content[i+1], key+"."+k, ev)
			m.SetMapIndex(reflect.ValueOf(k), ev)
		}
		v.Set(m)
	case reflect.String:
		if s, ok := d.scalar(n, key); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		s, ok := d.scalar(n, key)
		if !ok {
			return
		}
		b, err := strconv.ParseBool(s)
		if err != nil {
			d.fail(n, key, "must be true or false (got %q)", s)
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		s, ok := d.scalar(n, key)
		if !ok {
			return
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			d.fail(n, key, "must be a whole number (got %q)", s)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		s, ok := d.scalar(n, key)
		if !ok {
			return
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			d.fail(n, key, "must be a number (got %q)", s)
			return
		}
		v.SetFloat(f)
	default:
		d.fail(n, key, "unsupported config type %s", v.Type())
	}
}

func (d *decoder) structValue(n *yaml.Node, key string, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, key, "must be a mapping of keys to values")
		return
	}
	fields := map[string]int{}
	var known []string
	for i := 0; i < v.NumField(); i++ {
		tag := v.Type().Field(i).Tag.Get("yaml")
		name := strings.Split(tag, ",")[0]
		if name == "" || name == "-" {
			continue
		}
		fields[name] = i
		known = append(known, name)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		full := kn.Value
		if key != "" {
			full = key + "." + kn.Value
		}
		idx, ok := fields[kn.Value]
		if !ok {
			msg := "unknown key"
			if s := Suggest(kn.Value, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.fail(kn, full, "%s", msg)
			continue
		}
		if seen[kn.Value] {
			d.fail(kn, full, "key appears twice")
			continue
		}
		seen[kn.Value] = true
		d.lines[full] = kn.Line
		d.value(vn, full, v.Field(idx))
		d.lines[full] = kn.Line
	}
}

// scalar returns the node's text with ${NAME} expanded from the environment.
func (d *decoder) scalar(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, key, "must be a single value, not a list or mapping")
		return "", false
	}
	var missing []string
	s := os.Expand(n.Value, func(name string) string {
		if name == "$" {
			return "$" // "$$" stays a literal dollar sign
		}
		v := d.getenv(name)
		if v == "" {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		d.fail(n, key, "environment variable %s is not set", strings.Join(missing, ", "))
		return "", false
	}
	return s, true
}

// Suggest returns the candidate nearest to s (edit distance at most 2), or
// "": the "did you mean" of config keys and of the CLI's commands.
func Suggest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if dist := levenshtein(s, k); dist < bestD || (dist == bestD && k < best) {
			best, bestD = k, dist
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

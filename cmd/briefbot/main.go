// Command briefbot polls news feeds and briefs chat channels on topics.
//
// All wiring happens here: config is read, the store opened, and the
// fetcher, poller and HTTP server built and handed to each other.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feeds"
)

// version is set with -ldflags "-X main.version=...".
var version = "dev"

// exitError carries an exit code: 2 for bad usage or config, 1 otherwise.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// env is the process environment the commands see; tests replace it.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// configPath is the --config flag ("" when not given).
	configPath string
	// isTerminal reports whether stderr is a terminal (for progress bars).
	isTerminal bool
}

const usage = `briefbot keeps teams briefed: it polls feeds and posts digests to chat.

Usage:
  briefbot [--config FILE] COMMAND [flags]

Commands:
  demo                     run on built-in sample feeds and print a briefing (no setup)
  run                      poll on schedule and serve /healthz, /readyz, /metrics until stopped
  poll --once [--json] [--force]
                           poll every source once and exit
  sources list [--json]    sources with health
  sources add URL [--name N] [--schedule S] [--tags a,b]
  sources remove NAME
  sources import FILE.opml
  sources export           OPML on stdout
  items [--source N] [--since DUR|RFC3339] [--search WORDS] [--limit N] [--json]
  digest [--topic NAME]... [--since DUR|RFC3339] [--until RFC3339] [--format text|markdown|slack|matrix|json] [--limit N]
  eval --corpus DIR [--json]
                           score the digest against a labelled corpus
  chat [--channel NAME]    talk to the bot in a terminal (channel console:NAME): help, latest,
                           search, subscribe... one command per line on standard input
  migrate [up|status]      bring the database schema up to date, or tell how far it is
  export > FILE            the whole database as a versioned JSON Lines archive
  import FILE              load an archive into an empty database (SQLite to PostgreSQL, say)
  config example           print a commented example config
  config check             validate the config and print what it would run
  version

The config file is --config FILE, else $BRIEFBOT_CONFIG, else ./briefbot.yaml.
`

func main() {
	feeds.Version = version
	e := &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		isTerminal: isTerminal(os.Stderr),
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, e, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, e *env, args []string) int {
	args, cfgPath, err := extractConfigFlag(args)
	if err != nil {
		fmt.Fprintln(e.stderr, "briefbot:", err)
		return 2
	}
	e.configPath = cfgPath
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return 2
	}
	cmds := map[string]func(context.Context, *env, []string) error{
		"demo":    cmdDemo,
		"run":     cmdRun,
		"poll":    cmdPoll,
		"sources": cmdSources,
		"items":   cmdItems,
		"config":  cmdConfig,
		"digest":  cmdDigest,
		"eval":    cmdEval,
		"chat":    cmdChat,
		"export":  cmdExport,
		"import":  cmdImport,
		"migrate": cmdMigrate,
		"version": func(_ context.Context, e *env, _ []string) error {
			fmt.Fprintln(e.stdout, "briefbot", version)
			return nil
		},
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(e.stdout, usage)
		return 0
	}
	cmd, ok := cmds[name]
	if !ok {
		msg := fmt.Sprintf("unknown command %q", name)
		if s := suggest(name, keys(cmds)); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		fmt.Fprintf(e.stderr, "briefbot: %s\nRun 'briefbot help' for the list of commands.\n", msg)
		return 2
	}
	err = cmd(ctx, e, args[1:])
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ce config.Errors
	var ce1 *config.Error
	var ee *exitError
	switch {
	case errors.As(err, &ce) || errors.As(err, &ce1):
		fmt.Fprintln(e.stderr, err)
		return 2
	case errors.As(err, &ee):
		fmt.Fprintln(e.stderr, "briefbot:", ee.err)
		return ee.code
	}
	fmt.Fprintln(e.stderr, "briefbot:", err)
	return 1
}

// extractConfigFlag removes --config FILE (or --config=FILE, -config)
// from anywhere in args: it is global, before or after the subcommand.
func extractConfigFlag(args []string) ([]string, string, error) {
	var out []string
	path := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			out = append(out, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "config" {
			out = append(out, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, "", errors.New("--config needs a file name")
			}
			i++
			val = args[i]
		}
		path = val
	}
	return out, path, nil
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// suggest is the "did you mean" for commands, the same as for config keys.
func suggest(s string, candidates []string) string { return config.Suggest(s, candidates) }

// newFlags makes a FlagSet whose errors and usage go to stderr.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: briefbot %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags interspersed with positional arguments
// (`sources add URL --name N`), which package flag alone does not.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &exitError{code: 2, err: err}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

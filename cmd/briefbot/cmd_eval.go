package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/feeds"
)

func cmdEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "eval --corpus DIR [--json] [--explain] [--min-precision 0.90] [--min-recall 0.85] [--min-bcubed 0.85] [--min-hit 0.80]")
	corpus := fs.String("corpus", "", "corpus folder with feeds/ and labels.json (required)")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	explain := fs.Bool("explain", false, "also list every item whose topics differ from its labels, and every labelled story split or merged")
	minP := fs.Float64("min-precision", 0.90, "fail below this precision for any topic")
	minR := fs.Float64("min-recall", 0.85, "fail below this recall for any topic")
	minB := fs.Float64("min-bcubed", 0.85, "fail below this story B-cubed F1")
	minHit := fs.Float64("min-hit", 0.80, "fail below this actor or location hit rate")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *corpus == "" {
		return usageErr("usage: briefbot eval --corpus DIR [--json]")
	}
	labels, err := digest.LoadLabels(filepath.Join(*corpus, "labels.json"))
	if err != nil {
		return usageErr("%v", err)
	}
	eng, err := digest.DefaultEngine()
	if err != nil {
		return err
	}
	d, err := ingestCorpus(ctx, e, filepath.Join(*corpus, "feeds"))
	if err != nil {
		return err
	}
	var names []string
	for _, t := range eng.Topics() {
		names = append(names, t.Name)
	}
	res := digest.Evaluate(d, labels, names, eng.SameLocation)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%-22s %9s %9s %9s\n", "", "precision", "recall", "f1")
		for _, n := range names {
			s := res.Topics[n]
			fmt.Fprintf(e.stdout, "%-22s %9.3f %9.3f %9.3f\n", n, s.Precision, s.Recall, s.F1)
		}
		fmt.Fprintf(e.stdout, "%-22s %9.3f %9.3f %9.3f\n", "stories (B-cubed)", res.BCubed.Precision, res.BCubed.Recall, res.BCubed.F1)
		fmt.Fprintf(e.stdout, "actor hit rate     %.3f\nlocation hit rate  %.3f\n", res.ActorHit, res.LocationHit)
	}
	if *explain {
		for _, m := range digest.Explain(d, labels, names) {
			switch m.Kind {
			case "topic-missed", "topic-extra":
				fmt.Fprintf(e.stdout, "%s %s [%s] %s\n  %s\n", m.Kind, m.Topic, m.Story, m.Title, m.Link)
			default:
				fmt.Fprintf(e.stdout, "%s %s%s\n", m.Kind, m.Story, m.Title)
			}
		}
	}
	var below []string
	for _, n := range names {
		s := res.Topics[n]
		if s.Precision < *minP {
			below = append(below, fmt.Sprintf("%s precision %.3f < %.2f", n, s.Precision, *minP))
		}
		if s.Recall < *minR {
			below = append(below, fmt.Sprintf("%s recall %.3f < %.2f", n, s.Recall, *minR))
		}
	}
	if res.BCubed.F1 < *minB {
		below = append(below, fmt.Sprintf("B-cubed F1 %.3f < %.2f", res.BCubed.F1, *minB))
	}
	if res.ActorHit < *minHit {
		below = append(below, fmt.Sprintf("actor hit rate %.3f < %.2f", res.ActorHit, *minHit))
	}
	if res.LocationHit < *minHit {
		below = append(below, fmt.Sprintf("location hit rate %.3f < %.2f", res.LocationHit, *minHit))
	}
	if len(below) > 0 {
		return &exitError{code: 1, err: errors.New("below threshold: " + strings.Join(below, "; "))}
	}
	return nil
}

// ingestCorpus serves the corpus feeds from 127.0.0.1 with no charset in
// the HTTP header, polls them in file-name order through the real feed
// path into a temporary store, and builds a digest of everything.
func ingestCorpus(ctx context.Context, e *env, dir string) (digest.Digest, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return digest.Digest{}, usageErr("%v", err)
	}
	var files []string
	for _, en := range entries {
		if !en.IsDir() {
			files = append(files, en.Name())
		}
	}
	sort.Strings(files)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return digest.Digest{}, err
	}
	types := map[string]string{".xml": "application/rss+xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml", ".json": "application/feed+json"}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Base(r.URL.Path)
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if t, ok := types[filepath.Ext(name)]; ok {
			w.Header().Set("Content-Type", t)
		} else {
			w.Header().Set("Content-Type", "application/xml")
		}
		w.Write(data)
	}), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	tmp, err := os.MkdirTemp("", "briefbot-eval-")
	if err != nil {
		return digest.Digest{}, err
	}
	defer os.RemoveAll(tmp)
	cfg := config.Default()
	cfg.File = "(eval)"
	cfg.Database = "sqlite://" + filepath.Join(tmp, "eval.db")
	cfg.Feeds.AllowPrivateNetworks = true
	cfg.Feeds.Concurrency = 1 // file-name order
	for _, f := range files {
		cfg.Sources = append(cfg.Sources, config.Source{Name: f, URL: "http://" + ln.Addr().String() + "/" + f})
	}
	a, err := newApp(ctx, cfg, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return digest.Digest{}, err
	}
	defer a.Close()
	reports, err := a.poller.PollOnce(ctx, feeds.Force, nil)
	if err != nil {
		return digest.Digest{}, err
	}
	for _, r := range reports {
		if r.Status == feeds.StatusError {
			fmt.Fprintf(e.stderr, "eval: %s: %s\n", r.Source, r.Error)
		}
	}
	return a.digest(ctx, digest.BuildOptions{Now: time.Now()})
}

package bot

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/command"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/store"
)

// Window selects the items of a channel digest: by first-seen time for a
// scheduled digest (what arrived since the previous one), or by
// published time for lookups.
type Window struct {
	SeenSince, SeenUntil time.Time
	Since, Until         time.Time
}

// BuildDigest builds the digest of one subscription target ("topic",
// "watch:NAME") for a channel: the stored stories with items in the
// window, with the channel's filter on that target applied to items.
// limit is the most stories (0: all).
func (b *Bot) BuildDigest(ctx context.Context, channel, target string, w Window, limit int) (digest.Digest, error) {
	if err := b.o.Index(ctx); err != nil {
		return digest.Digest{}, err
	}
	items, err := b.o.Store.StoryItems(ctx, store.StoryQuery{Since: w.Since, Until: w.Until, SeenSince: w.SeenSince, SeenUntil: w.SeenUntil})
	if err != nil {
		return digest.Digest{}, err
	}
	o, err := b.buildOptions(ctx)
	if err != nil {
		return digest.Digest{}, err
	}
	o.Since, o.Until, o.Limit, o.Now = w.Since, w.Until, limit, b.now()
	name := targetName(target)
	if strings.HasPrefix(target, "watch:") {
		ws, err := b.o.Store.Watches(ctx, channel)
		if err != nil {
			return digest.Digest{}, err
		}
		i := slices.IndexFunc(ws, func(x store.Watch) bool { return x.Name == name })
		if i < 0 {
			return digest.Digest{}, userErr("There is no watchlist %q here.", name)
		}
		match := b.watchMatcher(ws[i].Words)
		items = slices.DeleteFunc(items, func(it store.IndexedItem) bool { return !match(it.Title + " " + it.Lead) })
		o.As = &digest.Topic{Name: name, Title: "Watchlist: " + name}
	} else {
		o.Topics = []string{target}
	}
	keep, err := b.filterFor(ctx, channel, name)
	if err != nil {
		return digest.Digest{}, err
	}
	if keep != nil {
		items = slices.DeleteFunc(items, func(it store.IndexedItem) bool { return !keep(it.Title + " " + it.Lead) })
	}
	d, err := b.o.Engine.BuildIndexed(items, o)
	if err == nil && w.Since.IsZero() {
		// A first-seen window: say so in the provenance line.
		d.Since, d.Until = w.SeenSince.UTC(), w.SeenUntil.UTC()
	}
	return d, err
}

// buildOptions fills the provenance and official sources from the store.
func (b *Bot) buildOptions(ctx context.Context) (digest.BuildOptions, error) {
	srcs, err := b.o.Store.Sources(ctx)
	if err != nil {
		return digest.BuildOptions{}, err
	}
	o := digest.BuildOptions{Provenance: digest.Provenance{SourcesChecked: len(srcs), SourcesFailing: []string{}}}
	for _, s := range srcs {
		if s.Failures > 0 {
			o.Provenance.SourcesFailing = append(o.Provenance.SourcesFailing, s.Name)
		}
		if slices.Contains(s.Tags, "official") {
			o.OfficialSources = append(o.OfficialSources, s.Name)
		}
	}
	return o, nil
}

// watchMatcher matches text containing any watch word; a place name
// matches any of its spellings (Sudzha, Суджа).
func (b *Bot) watchMatcher(words []string) func(string) bool {
	var terms []command.Term
	for _, w := range words {
		alts := b.o.Engine.PlaceVariants(w)
		if alts == nil {
			alts = []string{w}
		}
		for _, a := range alts {
			terms = append(terms, command.Term{Text: a})
		}
	}
	return func(s string) bool {
		return slices.ContainsFunc(terms, func(t command.Term) bool { return t.Match(s) })
	}
}

// filterFor returns the channel's filter on a target as a predicate on an
// item's text, or nil when there is none: an item must match one include
// (when any exist) and no exclude.
func (b *Bot) filterFor(ctx context.Context, channel, name string) (func(string) bool, error) {
	fs, err := b.o.Store.Filters(ctx, channel, name)
	if err != nil || len(fs) == 0 {
		return nil, err
	}
	var inc, exc []command.Term
	for _, f := range fs {
		t, err := parseTerm(f.Term)
		if err != nil {
			b.o.Logger.Warn("stored_filter_unreadable", "channel", channel, "topic", name, "term", f.Term, "error", err)
			continue
		}
		if f.Mode == "include" {
			inc = append(inc, t)
		} else {
			exc = append(exc, t)
		}
	}
	return func(s string) bool {
		if len(inc) > 0 && !slices.ContainsFunc(inc, func(t command.Term) bool { return t.Match(s) }) {
			return false
		}
		return !slices.ContainsFunc(exc, func(t command.Term) bool { return t.Match(s) })
	}, nil
}

// parseTerm reads back a stored filter term (Term.String()).
func parseTerm(s string) (command.Term, error) {
	c, err := command.Parse("filter x include " + s)
	if err != nil {
		return command.Term{}, err
	}
	if len(c.Terms) != 1 {
		return command.Term{}, fmt.Errorf("stored term %q reads as %d terms", s, len(c.Terms))
	}
	return c.Terms[0], nil
}

// latestDigest is the newest n stories of a target (or of every topic
// when target is ""), newest first, as one digest.
func (b *Bot) latestDigest(ctx context.Context, channel, target string, n int) (digest.Digest, error) {
	now := b.now()
	w := Window{Since: now.Add(-latestWindow), Until: now.Add(time.Minute)}
	var targets []string
	if target != "" {
		targets = []string{target}
	} else {
		for _, t := range b.o.Engine.Topics() {
			targets = append(targets, t.Name)
		}
	}
	var stories []digest.Story
	var out digest.Digest
	seen := map[string]bool{}
	for _, t := range targets {
		d, err := b.BuildDigest(ctx, channel, t, w, 0)
		if err != nil {
			return digest.Digest{}, err
		}
		out.Provenance = d.Provenance
		for _, td := range d.Topics {
			for _, s := range td.Stories {
				if !seen[s.ID] {
					seen[s.ID] = true
					stories = append(stories, s)
				}
			}
		}
	}
	slices.SortStableFunc(stories, func(a, b digest.Story) int { return b.LastSeen.Compare(a.LastSeen) })
	if len(stories) > n {
		stories = stories[:n]
	}
	title := "Latest stories"
	if target != "" {
		title = "Latest: " + targetName(target)
	}
	out.GeneratedAt, out.Since, out.Until = now.UTC(), w.Since.UTC(), w.Until.UTC()
	out.Topics = []digest.TopicDigest{{Name: targetName(target), Title: title, Stories: stories}}
	if stories == nil {
		out.Topics[0].Stories = []digest.Story{}
	}
	return out, nil
}

func (b *Bot) latest(ctx context.Context, r Request, topic string, n int) (Response, error) {
	target := ""
	if topic != "" {
		var err error
		if target, err = b.resolveTarget(ctx, r.Channel, topic, ""); err != nil {
			return Response{}, err
		}
	}
	if n <= 0 {
		n = 5
	}
	d, err := b.latestDigest(ctx, r.Channel, target, n)
	if err != nil {
		return Response{}, err
	}
	if len(d.Topics[0].Stories) == 0 {
		return lookup(fmt.Sprintf("No stories in the last %d days.", int(latestWindow.Hours()/24))), nil
	}
	return Response{Text: renderText(d), Digest: &d, Ephemeral: true}, nil
}

// maxSearch is the most stories and lone items a search lists.
const maxSearch = 10

func (b *Bot) search(ctx context.Context, words []string) (Response, error) {
	if err := b.o.Index(ctx); err != nil {
		return Response{}, err
	}
	groups := make([][]string, len(words))
	for i, w := range words {
		if alts := b.o.Engine.PlaceVariants(w); alts != nil {
			groups[i] = alts
		} else {
			groups[i] = []string{w}
		}
	}
	items, err := b.o.Store.Items(ctx, store.ItemQuery{Groups: groups, Limit: 500})
	if err != nil {
		return Response{}, err
	}
	query := strings.Join(words, " ")
	if len(items) == 0 {
		return lookup(fmt.Sprintf("Nothing found for %q.", query)), nil
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	storyOf, err := b.o.Store.StoriesOf(ctx, ids)
	if err != nil {
		return Response{}, err
	}
	var storyIDs []string
	var lone []store.Item
	for _, it := range items {
		if s, ok := storyOf[it.ID]; ok {
			if !slices.Contains(storyIDs, s) && len(storyIDs) < maxSearch {
				storyIDs = append(storyIDs, s)
			}
		} else if len(lone) < maxSearch {
			lone = append(lone, it)
		}
	}
	var sb strings.Builder
	var dg *digest.Digest
	if len(storyIDs) > 0 {
		sitems, err := b.o.Store.StoryItems(ctx, store.StoryQuery{Stories: storyIDs})
		if err != nil {
			return Response{}, err
		}
		o, err := b.buildOptions(ctx)
		if err != nil {
			return Response{}, err
		}
		o.Now, o.As = b.now(), &digest.Topic{Name: "search", Title: fmt.Sprintf("Stories matching %q", query)}
		d, err := b.o.Engine.BuildIndexed(sitems, o)
		if err != nil {
			return Response{}, err
		}
		// Newest first, as the items matched.
		order := map[string]int{}
		for i, id := range storyIDs {
			order[id] = i
		}
		slices.SortStableFunc(d.Topics[0].Stories, func(a, b digest.Story) int { return order[a.ID] - order[b.ID] })
		dg = &d
		sb.WriteString(renderText(d))
	}
	if len(lone) > 0 {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		fmt.Fprintf(&sb, "Items matching %q (in no topic):", query)
		for _, it := range lone {
			fmt.Fprintf(&sb, "\n  %s — %s, %s <%s>", it.Title, it.Source, b.fmtTime(it.Published), it.Link)
		}
	}
	return Response{Text: sb.String(), Digest: dg, Ephemeral: true}, nil
}

func (b *Bot) story(ctx context.Context, id string) (Response, error) {
	if err := b.o.Index(ctx); err != nil {
		return Response{}, err
	}
	items, err := b.o.Store.StoryItems(ctx, store.StoryQuery{Story: id})
	if err != nil || len(items) == 0 {
		return Response{}, userErr("There is no story %q (ids look like s1a2b3c4d5e; see latest).", id)
	}
	o, err := b.buildOptions(ctx)
	if err != nil {
		return Response{}, err
	}
	o.Now, o.As = b.now(), &digest.Topic{Name: "story", Title: "Story " + items[0].Story}
	d, err := b.o.Engine.BuildIndexed(items, o)
	if err != nil {
		return Response{}, err
	}
	return Response{Text: renderText(d), Digest: &d, Ephemeral: true}, nil
}

// digestNow posts a digest of what the channel's next scheduled digest
// would hold (since its cursor), without moving the schedule; a topic the
// channel does not follow covers the last 24 hours.
func (b *Bot) digestNow(ctx context.Context, r Request, topic string) (Response, error) {
	subs, err := b.o.Store.Subscriptions(ctx, store.SubscriptionQuery{Channel: r.Channel})
	if err != nil {
		return Response{}, err
	}
	now := b.now()
	var targets []string
	cursor := map[string]time.Time{}
	if topic != "" {
		t, err := b.resolveTarget(ctx, r.Channel, topic, "")
		if err != nil {
			return Response{}, err
		}
		targets = []string{t}
	}
	for _, s := range subs {
		if strings.HasPrefix(s.Target, "source:") {
			continue
		}
		cursor[s.Target] = s.Cursor
		if topic == "" {
			targets = append(targets, s.Target)
		}
	}
	if len(targets) == 0 {
		for _, t := range b.o.Engine.Topics() {
			targets = append(targets, t.Name)
		}
	}
	var out digest.Digest
	for _, t := range targets {
		w := Window{SeenSince: now.Add(-24 * time.Hour), SeenUntil: now.Add(time.Second)}
		if c, ok := cursor[t]; ok && !c.IsZero() {
			w.SeenSince = c
		}
		d, err := b.BuildDigest(ctx, r.Channel, t, w, 0)
		if err != nil {
			return Response{}, err
		}
		if len(out.Topics) == 0 {
			out = d
			out.Topics = nil
		} else if d.Since.Before(out.Since) {
			out.Since = d.Since
		}
		out.Topics = append(out.Topics, d.Topics...)
	}
	return Response{Text: renderText(out), Digest: &out}, nil
}

// renderText is the plain-text form of a digest.
func renderText(d digest.Digest) string {
	var buf bytes.Buffer
	if err := digest.RenderText(&buf, d); err != nil {
		return fmt.Sprintf("(could not render the digest: %v)", err)
	}
	return strings.TrimRight(buf.String(), "\n")
}

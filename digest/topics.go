package digest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Topic is a briefing topic: configuration, not code. An item qualifies
// when the Rules find a positive signal built from entities: an alliance
// actor making a statement, or a war event at a place in given regions.
type Topic struct {
	Name  string     `yaml:"name"`  // e.g. border-developments
	Title string     `yaml:"title"` // e.g. Border developments
	Rules TopicRules `yaml:"rules"`
}

// TopicRules say what an item must contain to qualify. Exactly one of
// Actors and Places names the entity; Signal names what must happen to it
// in the same sentence (or, with Scope "lead", between the title and the
// first sentence of the text).
type TopicRules struct {
	// Actors qualify as the entity: statements by these speakers.
	Actors *ActorRule `yaml:"actors,omitempty"`
	// Places qualify as the entity: events at these places.
	Places *PlaceRule `yaml:"places,omitempty"`
	// Signal is "statement" (the actor is the speaker of a statement,
	// pledge, warning...) or "event" (a war event).
	Signal string `yaml:"signal"`
	// Events limits the event kinds that count (empty: all).
	Events []string `yaml:"events,omitempty"`
	// Scope is "sentence" (default) or "lead": entity and signal in one
	// sentence, or also one in the title and the other in the lead.
	Scope string `yaml:"scope,omitempty"`
	// Negative are word patterns ("airline*", "pea", "football club")
	// that veto an entity-signal pair when they occur within
	// NegativeWindow words of either, in the same sentence. They keep other
	// senses of trigger words out: a football strike, an airline alliance.
	Negative []string `yaml:"negative,omitempty"`
	// NegativeWindow is in words; 0 means 8.
	NegativeWindow int `yaml:"negative_window,omitempty"`
}

// ActorRule selects actors from data/actors.tsv.
type ActorRule struct {
	// Bodies: actors belonging to these alliances (NATO, EU, G7, CSTO, B9, Nordic, Weimar, JEF...).
	Bodies []string `yaml:"bodies,omitempty"`
	// Kinds: actors of these kinds whatever their body (government).
	Kinds []string `yaml:"kinds,omitempty"`
	// ContextKinds need one of the Context patterns somewhere in the item:
	// an allied government counts when it speaks about alliance matters.
	ContextKinds []string `yaml:"context_kinds,omitempty"`
	Context      []string `yaml:"context,omitempty"`
}

// PlaceRule selects gazetteer places by region or country.
type PlaceRule struct {
	Regions   []string `yaml:"regions,omitempty"` // canonical region names, e.g. Belgorod Oblast
	Countries []string `yaml:"countries,omitempty"`
}

// Validate names the first problem with a topic.
func (t Topic) Validate() error {
	switch {
	case t.Name == "":
		return errors.New("topic without name")
	case t.Title == "":
		return fmt.Errorf("topic %s: title is required", t.Name)
	case (t.Rules.Actors == nil) == (t.Rules.Places == nil):
		return fmt.Errorf("topic %s: rules need exactly one of actors and places", t.Name)
	case t.Rules.Signal != "statement" && t.Rules.Signal != "event":
		return fmt.Errorf("topic %s: rules.signal must be statement or event, not %q", t.Name, t.Rules.Signal)
	case t.Rules.Scope != "" && t.Rules.Scope != "sentence" && t.Rules.Scope != "lead":
		return fmt.Errorf("topic %s: rules.scope must be sentence or lead, not %q", t.Name, t.Rules.Scope)
	case t.Rules.NegativeWindow < 0:
		return fmt.Errorf("topic %s: rules.negative_window must not be negative", t.Name)
	}
	for _, k := range t.Rules.Events {
		if !reportedEvents[k] && k != "strike" && k != "damage" {
			return fmt.Errorf("topic %s: rules.events: unknown event kind %q", t.Name, k)
		}
	}
	if a := t.Rules.Actors; a != nil && len(a.Bodies) == 0 && len(a.Kinds) == 0 {
		return fmt.Errorf("topic %s: rules.actors needs bodies or kinds", t.Name)
	}
	if p := t.Rules.Places; p != nil && len(p.Regions) == 0 && len(p.Countries) == 0 {
		return fmt.Errorf("topic %s: rules.places needs regions or countries", t.Name)
	}
	return nil
}

// ParseTopics decodes a topics YAML document ({topics: [...]}) strictly:
// unknown keys are errors with their line.
func ParseTopics(b []byte) ([]Topic, error) {
	var doc struct {
		Topics []Topic `yaml:"topics"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decode topics: %w", err)
	}
	seen := map[string]bool{}
	for _, t := range doc.Topics {
		if err := t.Validate(); err != nil {
			return nil, err
		}
		if seen[t.Name] {
			return nil, fmt.Errorf("topic %s defined twice", t.Name)
		}
		seen[t.Name] = true
	}
	return doc.Topics, nil
}

// DefaultTopics returns the default topic pack from the embedded
// data/topics.yaml: alliance-statements and border-developments.
func DefaultTopics() ([]Topic, error) {
	b, err := dataFS.ReadFile("data/topics.yaml")
	if err != nil {
		return nil, fmt.Errorf("load topics: %w", err)
	}
	ts, err := ParseTopics(b)
	if err != nil {
		return nil, fmt.Errorf("data/topics.yaml: %w", err)
	}
	return ts, nil
}

// compiledTopic is a Topic ready to evaluate.
type compiledTopic struct {
	Topic
	negative  *matcher
	window    int
	context   *matcher
	bodies    []string
	kinds     []string
	ctxKinds  []string
	regions   []string
	countries []string
	events    []string
}

func compileTopic(t Topic) compiledTopic {
	c := compiledTopic{Topic: t, negative: newMatcher(), window: t.Rules.NegativeWindow, context: newMatcher()}
	if c.window == 0 {
		c.window = 8
	}
	for _, p := range t.Rules.Negative {
		c.negative.add(p, 0)
	}
	if a := t.Rules.Actors; a != nil {
		c.bodies, c.kinds, c.ctxKinds = a.Bodies, a.Kinds, a.ContextKinds
		for _, p := range a.Context {
			c.context.add(p, 0)
		}
	}
	if p := t.Rules.Places; p != nil {
		c.regions, c.countries = p.Regions, p.Countries
	}
	c.events = t.Rules.Events
	return c
}

func (c *compiledTopic) actorOK(ac ActorMention) bool {
	return (ac.Body != "" && slices.Contains(c.bodies, ac.Body)) || slices.Contains(c.kinds, ac.Kind)
}

func (c *compiledTopic) placeOK(p PlaceMention) bool {
	return slices.Contains(c.regions, p.Region) || slices.Contains(c.countries, p.Country)
}

// checkReferences names a topic's rule values that the reference data
// does not know: a misspelt region or body would otherwise silently never
// match.
func checkReferences(t Topic, g *Gazetteer, a *Actors) error {
	if p := t.Rules.Places; p != nil && g != nil {
		for _, r := range p.Regions {
			if _, ok := g.regionOf[r]; !ok {
				return fmt.Errorf("topic %s: rules.places.regions: unknown region %q (known: %s)", t.Name, r, strings.Join(g.regions(), ", "))
			}
		}
		for _, c := range p.Countries {
			if !slices.ContainsFunc(g.places, func(gp gazPlace) bool { return gp.Country == c }) {
				return fmt.Errorf("topic %s: rules.places.countries: no place in country %q", t.Name, c)
			}
		}
	}
	if r := t.Rules.Actors; r != nil && a != nil {
		for _, b := range r.Bodies {
			if !slices.ContainsFunc(a.list, func(x actor) bool { return x.Body == b }) {
				return fmt.Errorf("topic %s: rules.actors.bodies: unknown body %q (known: %s)", t.Name, b, strings.Join(a.bodies(), ", "))
			}
		}
		for _, k := range slices.Concat(r.Kinds, r.ContextKinds) {
			if !slices.ContainsFunc(a.list, func(x actor) bool { return x.Kind == k }) {
				return fmt.Errorf("topic %s: rules.actors: unknown actor kind %q", t.Name, k)
			}
		}
	}
	return nil
}

func (g *Gazetteer) regions() []string {
	var out []string
	for r := range g.regionOf {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

func (a *Actors) bodies() []string {
	var out []string
	for _, x := range a.list {
		if x.Body != "" {
			out = append(out, x.Body)
		}
	}
	return sortedSet(out)
}

package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/digest"
)

// configEngine builds the digest engine for the config's topics. A topic
// whose rules name a region, body or kind the reference data does not
// know is an error at its config line.
func configEngine(cfg *config.Config) (*digest.Engine, error) {
	topics, err := configTopics(cfg)
	if err != nil {
		return nil, err
	}
	eng, err := digest.EngineWithTopics(topics)
	var te *digest.TopicError
	if errors.As(err, &te) {
		if i := slices.IndexFunc(cfg.Topics, func(t config.Topic) bool { return t.Name == te.Name }); i >= 0 {
			key := fmt.Sprintf("topics[%d]", i)
			return nil, config.Errors{&config.Error{File: cfg.File, Line: cfg.Line(key), Key: key, Msg: te.Error()}}
		}
	}
	return eng, err
}

// configTopics returns the default topic pack with the config's topics
// applied: a topic of a new name is added, one of a default name replaces
// it, and `disabled: true` drops it. Errors name the config line.
func configTopics(cfg *config.Config) ([]digest.Topic, error) {
	topics, err := digest.DefaultTopics()
	if err != nil {
		return nil, err
	}
	var errs config.Errors
	for i, ct := range cfg.Topics {
		key := fmt.Sprintf("topics[%d]", i)
		at := slices.IndexFunc(topics, func(t digest.Topic) bool { return t.Name == ct.Name })
		if ct.Disabled {
			if at < 0 {
				errs = append(errs, &config.Error{File: cfg.File, Line: cfg.Line(key + ".disabled"), Key: key + ".disabled", Msg: fmt.Sprintf("there is no default topic %q to disable", ct.Name)})
				continue
			}
			topics = slices.Delete(topics, at, at+1)
			continue
		}
		t := digestTopic(ct)
		if err := t.Validate(); err != nil {
			errs = append(errs, &config.Error{File: cfg.File, Line: cfg.Line(key), Key: key, Msg: err.Error()})
			continue
		}
		if at >= 0 {
			topics[at] = t
		} else {
			topics = append(topics, t)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(topics) == 0 {
		return nil, &config.Error{File: cfg.File, Line: cfg.Line("topics"), Key: "topics", Msg: "every topic is disabled: nothing would be briefed"}
	}
	return topics, nil
}

func digestTopic(ct config.Topic) digest.Topic {
	r := ct.Rules
	t := digest.Topic{Name: ct.Name, Title: ct.Title, Rules: digest.TopicRules{
		Signal: r.Signal, Events: r.Events, Scope: r.Scope, Negative: r.Negative, NegativeWindow: r.NegativeWindow,
	}}
	if a := r.Actors; a != nil {
		t.Rules.Actors = &digest.ActorRule{Bodies: a.Bodies, Kinds: a.Kinds, ContextKinds: a.ContextKinds, Context: a.Context}
	}
	if p := r.Places; p != nil {
		t.Rules.Places = &digest.PlaceRule{Regions: p.Regions, Countries: p.Countries}
	}
	return t
}

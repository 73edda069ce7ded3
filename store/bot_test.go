package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSubscriptions(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, clk := open(t)
		next := clk.t.Add(time.Hour)
		sub, created, err := s.Subscribe(ctx, Subscription{Channel: "console:desk", Target: "border-developments", Schedule: "daily 08:00 UTC", NextRun: next, CreatedBy: "alice"})
		if err != nil || !created {
			t.Fatalf("Subscribe: %v created=%v", err, created)
		}
		if !sub.Cursor.Equal(clk.t) || !sub.NextRun.Equal(next) || sub.Origin != OriginChat {
			t.Errorf("new subscription %+v: want cursor now, next run, origin chat", sub)
		}
		// A new schedule keeps the cursor (nothing falls between digests).
		clk.t = clk.t.Add(2 * time.Hour)
		sub2, created, err := s.Subscribe(ctx, Subscription{Channel: "console:desk", Target: "border-developments", Schedule: "hourly"})
		if err != nil || created || sub2.ID != sub.ID || sub2.Schedule != "hourly" || !sub2.Cursor.Equal(sub.Cursor) {
			t.Errorf("resubscribe: %+v created=%v err=%v", sub2, created, err)
		}
		if err := s.PauseSubscription(ctx, sub.ID, "channel_not_found"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Subscriptions(ctx, SubscriptionQuery{Channel: "console:desk"})
		if len(got) != 1 || !got[0].Paused() || got[0].PausedReason != "channel_not_found" {
			t.Errorf("after pause: %+v", got)
		}
		if due, _ := s.Subscriptions(ctx, SubscriptionQuery{DueBy: clk.t.Add(48 * time.Hour)}); len(due) != 0 {
			t.Errorf("a paused subscription is due: %+v", due)
		}
		if _, err := s.ResumeSubscription(ctx, "console:desk", "border-developments", clk.t); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.Subscriptions(ctx, SubscriptionQuery{DueBy: clk.t}); len(due) != 1 {
			t.Errorf("resumed subscription not due: %+v", due)
		}
		if _, err := s.ResumeSubscription(ctx, "console:desk", "nope", clk.t); !errors.Is(err, ErrNotFound) {
			t.Errorf("resume unknown: %v", err)
		}
		s.Subscribe(ctx, Subscription{Channel: "console:desk", Target: "alliance-statements", Schedule: "instant"})
		if n, _ := s.Unsubscribe(ctx, "console:desk", ""); n != 2 {
			t.Errorf("unsubscribe all removed %d, want 2", n)
		}
	})
}

func TestSyncConfigSubscriptionsLeavesChatOnes(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		s.Subscribe(ctx, Subscription{Channel: "console:a", Target: "t1", Schedule: "hourly"})
		cfg := []Subscription{{Channel: "console:b", Target: "t2", Schedule: "daily 07:00 UTC"}}
		if err := s.SyncConfigSubscriptions(ctx, cfg); err != nil {
			t.Fatal(err)
		}
		if err := s.SyncConfigSubscriptions(ctx, nil); err != nil {
			t.Fatal(err)
		}
		all, _ := s.Subscriptions(ctx, SubscriptionQuery{})
		if len(all) != 1 || all[0].Channel != "console:a" {
			t.Errorf("after removing the config one: %+v", all)
		}
	})
}

func TestFiltersAndWatches(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		if err := s.AddFilters(ctx, []Filter{{"console:d", "t", "include", "kursk"}, {"console:d", "t", "exclude", "/football/i"}, {"console:d", "t", "include", "kursk"}}); err != nil {
			t.Fatal(err)
		}
		fs, _ := s.Filters(ctx, "console:d", "t")
		if len(fs) != 2 || fs[0].Term != "kursk" || fs[1].Mode != "exclude" {
			t.Errorf("filters %+v", fs)
		}
		if n, _ := s.ClearFilters(ctx, "console:d", "t"); n != 2 {
			t.Errorf("cleared %d", n)
		}
		if err := s.SetWatch(ctx, Watch{"console:d", "sudzha", []string{"Sudzha", "Суджа"}}); err != nil {
			t.Fatal(err)
		}
		s.Subscribe(ctx, Subscription{Channel: "console:d", Target: "watch:sudzha", Schedule: "instant"})
		ws, _ := s.Watches(ctx, "console:d")
		if len(ws) != 1 || len(ws[0].Words) != 2 || ws[0].Words[1] != "Суджа" {
			t.Errorf("watches %+v", ws)
		}
		if err := s.RemoveWatch(ctx, "console:d", "sudzha"); err != nil {
			t.Fatal(err)
		}
		if subs, _ := s.Subscriptions(ctx, SubscriptionQuery{Channel: "console:d"}); len(subs) != 0 {
			t.Errorf("watch subscription left after unwatch: %+v", subs)
		}
		if err := s.RemoveWatch(ctx, "console:d", "sudzha"); !errors.Is(err, ErrNotFound) {
			t.Errorf("second unwatch: %v", err)
		}
	})
}

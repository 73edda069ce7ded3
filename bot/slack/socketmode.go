package slack

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode connects to Slack over Socket Mode (no public URL
// needed) and takes commands, events and button presses until ctx ends.
// Every envelope is acknowledged at once and answered after; one that
// Slack redelivers after a dropped connection is answered once.
func (a *Adapter) RunSocketMode(ctx context.Context) error {
	if a.o.AppToken == "" {
		return errors.New("slack: Socket Mode needs slack.app_token (xapp-…)")
	}
	sm := socketmode.New(a.api)
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			a.Wait()
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				a.Wait()
				return nil
			}
			return fmt.Errorf("slack socket mode: %w", err)
		case evt := <-sm.Events:
			a.socketEvent(ctx, sm, evt)
		}
	}
}

func (a *Adapter) socketEvent(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) {
	ack := func() {
		if evt.Request != nil {
			if err := sm.AckCtx(ctx, evt.Request.EnvelopeID, nil); err != nil {
				a.o.Logger.Warn("slack_ack_failed", "error", err)
			}
		}
	}
	switch evt.Type {
	case socketmode.EventTypeSlashCommand:
		ack()
		if cmd, ok := evt.Data.(slack.SlashCommand); ok {
			a.SlashCommand(ctx, cmd)
		}
	case socketmode.EventTypeEventsAPI:
		ack()
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			a.Event(ctx, ev)
		}
	case socketmode.EventTypeInteractive:
		ack()
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			a.Interaction(ctx, cb)
		}
	case socketmode.EventTypeConnected:
		a.o.Logger.Info("slack_connected")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorBadMessage:
		a.o.Logger.Warn("slack_socket_error", "type", evt.Type, "data", fmt.Sprint(evt.Data))
	case socketmode.EventTypeInvalidAuth:
		a.o.Logger.Error("slack_invalid_app_token")
	}
}

package bot

import (
	"context"
	"fmt"
)

// Platform is what a chat adapter (console, Slack, Matrix) implements.
// The command parser, the handlers and the delivery engine know nothing
// else of the platform. Methods are called from several goroutines.
type Platform interface {
	// Render turns a response into the messages Post takes for this
	// platform (plain text, Block Kit JSON, a Matrix event's JSON): one,
	// or several when it must be split at the platform's limits; they are
	// posted in order. It is called when a delivery is written, so the
	// payload is stored and a retry posts exactly the same message.
	Render(r Response) []string
	// Post posts a rendered message to channel, in thread (a reference
	// Post returned earlier) when it is not "". key identifies the
	// delivery: a platform that can (Matrix transaction ids, the console)
	// drops a repeat, so a retry after a crash posts nothing twice. It
	// returns the posted message's reference, for replies in its thread.
	// Errors: *RateLimitError to wait and retry without counting an
	// attempt, *PermanentError when retrying cannot help (channel gone,
	// bot removed); anything else is retried with backoff. Post must
	// return within ctx's deadline.
	Post(ctx context.Context, channel, thread, payload, key string) (ref string, err error)
	// Edit replaces the message ref in channel with a rendered payload.
	Edit(ctx context.Context, channel, ref, payload string) error
	// Answer shows a command's response: only to the asker when
	// r.Ephemeral and the platform can (Slack), otherwise in the channel
	// as a reply to the command (Matrix, the console).
	Answer(ctx context.Context, req Request, r Response) error
	// IsAdmin tells whether user may add and remove sources (and change
	// subscriptions when bot.who_may_subscribe is "admins") in channel.
	IsAdmin(ctx context.Context, channel, user string) (bool, error)
}

// Serve answers one command typed on p: it asks p whether the user is an
// admin, handles the command and shows the answer. A failure to learn
// the user's rights counts as "not an admin"; a failure to answer is
// returned for the adapter to log.
func Serve(ctx context.Context, p Platform, b *Bot, req Request) (Response, error) {
	admin, err := p.IsAdmin(ctx, req.Channel, req.User)
	if err != nil {
		b.o.Logger.Warn("admin_check_failed", "channel", req.Channel, "user", req.User, "error", err)
	}
	req.Admin = admin && err == nil
	if m, ok := p.(Moderators); ok && !req.Admin {
		mod, err := m.IsModerator(ctx, req.Channel, req.User)
		if err != nil {
			b.o.Logger.Warn("moderator_check_failed", "channel", req.Channel, "user", req.User, "error", err)
		}
		req.Moderator = mod && err == nil
	}
	resp := b.Handle(ctx, req)
	if err := p.Answer(ctx, req, resp); err != nil {
		return resp, fmt.Errorf("answer in %s: %w", req.Channel, err)
	}
	return resp, nil
}

// Moderators is implemented by platforms whose channels have moderators
// of their own (Matrix power levels): they may change the channel's
// subscriptions when bot.who_may_subscribe is "admins".
type Moderators interface {
	IsModerator(ctx context.Context, channel, user string) (bool, error)
}

// SentChecker is implemented by platforms that can tell whether a
// delivery was posted already (its key is in the message). The delivery
// engine asks before it posts again after a failed or interrupted
// attempt, so a crash between the platform taking a message and our
// record of it repeats nothing, even where the platform's own
// idempotency fails.
type SentChecker interface {
	Sent(ctx context.Context, channel, key string) (ref string, ok bool, err error)
}

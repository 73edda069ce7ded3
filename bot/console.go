package bot

import (
	"context"

	"github.com/briefbot/briefbot/bot/console"
)

// Console is the console platform: console:NAME channels, delivered to
// a file of JSON lines (see package console).
type Console struct{ *console.File }

// Render shows a response as its plain text, in one message: the file
// has no length limit.
func (Console) Render(r Response) []string { return []string{r.Text} }

// Answer appends the answer to the file, in the command's thread.
func (c Console) Answer(ctx context.Context, req Request, r Response) error {
	return c.File.Answer(ctx, req.Channel, req.ID, r.Text)
}

// IsAdmin: everyone at the console runs briefbot, unless the file's
// Admins say who may.
func (c Console) IsAdmin(_ context.Context, _, user string) (bool, error) {
	return c.File.IsAdmin(user), nil
}

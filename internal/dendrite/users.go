package dendrite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
	"maunium.net/go/mautrix/synapseadmin"
)

// User is a registered, logged-in test user.
type User struct {
	// ID is the full user ID, like @alice-1a2b3c4d:localhost.
	ID id.UserID
	// Localpart is the part of ID between @ and :.
	Localpart string
	// Password is the user's random password, for logging in again.
	Password string
	// Client is logged in with a device of its own (not Dendrite's shared
	// "shared_secret_registration" device), so it can also be used for
	// encryption. It does no HTTP retries (mautrix's default).
	Client *mautrix.Client
}

// Register creates an account with shared-secret registration (the Synapse
// admin API, which Dendrite also serves) and returns its user ID and an access
// token. The token belongs to the device "shared_secret_registration", which
// every user so made shares: use Login for a device of the user's own. Admins
// are never rate limited by Dendrite.
func (s *Server) Register(ctx context.Context, localpart, password string, admin bool) (id.UserID, string, error) {
	cli, err := mautrix.NewClient(s.url, "", "")
	if err != nil {
		return "", "", err
	}
	admCli := synapseadmin.Client{Client: cli}
	// UserType must stay empty: Dendrite's MAC does not cover user_type.
	resp, err := admCli.SharedSecretRegister(ctx, s.secret, synapseadmin.ReqSharedSecretRegister{
		Username: localpart,
		Password: password,
		Admin:    admin,
	})
	if err != nil {
		return "", "", fmt.Errorf("registering %s: %w", localpart, err)
	}
	return resp.UserID, resp.AccessToken, nil
}

// Login logs localpart in with a password and returns a client holding the new
// access token and device. An empty deviceID lets the server pick one. On a
// rate-limited server it waits out M_LIMIT_EXCEEDED a few times.
func (s *Server) Login(ctx context.Context, localpart, password, deviceID string) (*mautrix.Client, error) {
	cli, err := mautrix.NewClient(s.url, "", "")
	if err != nil {
		return nil, err
	}
	req := &mautrix.ReqLogin{
		Type:                     mautrix.AuthTypePassword,
		Identifier:               mautrix.UserIdentifier{Type: mautrix.IdentifierTypeUser, User: localpart},
		Password:                 password,
		DeviceID:                 id.DeviceID(deviceID),
		InitialDeviceDisplayName: "briefbot test",
		StoreCredentials:         true,
	}
	for attempt := 1; ; attempt++ {
		_, err = cli.Login(ctx, req)
		wait, limited := RetryAfter(err)
		if !limited || attempt == 5 {
			break
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("logging in %s: %w", localpart, err)
	}
	return cli, nil
}

// NewUser registers a non-admin user named prefix plus a random suffix, with
// a random password, and logs it in with a device of its own.
func (s *Server) NewUser(ctx context.Context, prefix string) (*User, error) {
	localpart := strings.ToLower(prefix) + "-" + randomHex(4)
	password := randomHex(16)
	userID, _, err := s.Register(ctx, localpart, password, false)
	if err != nil {
		return nil, err
	}
	cli, err := s.Login(ctx, localpart, password, "")
	if err != nil {
		return nil, err
	}
	return &User{ID: userID, Localpart: localpart, Password: password, Client: cli}, nil
}

// RetryAfter reports whether err is a Matrix M_LIMIT_EXCEEDED error and how
// long the server asked to wait: the Retry-After header (whole seconds) if
// present, else the body's retry_after_ms, else one second. mautrix itself
// reads only the header.
func RetryAfter(err error) (time.Duration, bool) {
	var httpErr mautrix.HTTPError // mautrix returns HTTPError as a value, not a pointer
	if !errors.As(err, &httpErr) || httpErr.RespError == nil || httpErr.RespError.ErrCode != mautrix.MLimitExceeded.ErrCode {
		return 0, false
	}
	if httpErr.Response != nil {
		var secs int
		if _, scanErr := fmt.Sscanf(httpErr.Response.Header.Get("Retry-After"), "%d", &secs); scanErr == nil && secs >= 0 {
			return time.Duration(secs) * time.Second, true
		}
	}
	if ms, ok := httpErr.RespError.ExtraData["retry_after_ms"].(float64); ok && ms >= 0 {
		return time.Duration(ms) * time.Millisecond, true
	}
	return time.Second, true
}

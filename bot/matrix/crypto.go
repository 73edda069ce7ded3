//go:build goolm

package matrix

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/rs/zerolog"
	"go.mau.fi/util/dbutil"
	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/sqlstatestore"

	"github.com/briefbot/briefbot/store"
)

// PickleKeyEnv, when set, holds the key that encrypts the bot's Olm and
// Megolm keys at rest (base64 of 16 or more random bytes); otherwise a
// random key is made once and kept in the database's meta table.
const PickleKeyEnv = "BRIEFBOT_MATRIX_PICKLE_KEY"

const pickleKeyMeta = "matrix.pickle_key"

// enableCrypto sets up end-to-end encryption on a.cli: mautrix's
// cryptohelper (goolm) with its crypto and room-state stores in
// briefbot's own database (tables crypto_* and mx_*, on the store's
// connection pool), for the device the adapter logged in with.
//
// Decrypted events go through the syncer like plain ones, so commands
// reach onMessage; sends into rooms whose state says they are encrypted
// are encrypted by mautrix, keeping their transaction ids.
func (a *Adapter) enableCrypto(ctx context.Context) error {
	if a.cli.DeviceID == "" {
		return errors.New("the login has no device id")
	}
	key, err := a.pickleKey(ctx)
	if err != nil {
		return err
	}
	db, err := cryptoDB(a.o.Store.DB())
	if err != nil {
		return err
	}
	s, ok := a.cli.Syncer.(*syncer)
	if !ok {
		return fmt.Errorf("unexpected syncer %T", a.cli.Syncer)
	}
	// mautrix logs through zerolog: its warnings and errors (a key that
	// could not be shared, a slow store transaction) go to our logger.
	a.cli.Log = zerolog.New(zlogWriter{a.o.Logger}).Level(zerolog.WarnLevel)
	helper, err := cryptohelper.NewCryptoHelper(a.cli, key, db)
	if err != nil {
		return err
	}
	// One Olm account per device: a new device (a revoked token, a new
	// access_token in the config) starts a new account instead of
	// clashing with the old one's device id.
	helper.DBAccountID = string(a.cli.UserID) + "/" + string(a.cli.DeviceID)
	helper.DecryptErrorCallback = func(evt *event.Event, err error) {
		if errors.Is(err, context.Canceled) || evt.Sender == a.cli.UserID || a.old(evt) || a.beforeInvite(evt) {
			return // shutting down, the bot's own echo, or history it was never meant to read
		}
		a.o.Logger.Warn("matrix_decrypt_failed", "room", evt.RoomID, "event", evt.ID, "sender", evt.Sender, "error", err)
	}
	// An event whose key arrives late is decrypted in a goroutine of
	// cryptohelper's, after its sync batch's commands were run: such a
	// command is run at once. inline marks the events being decrypted
	// within their batch (the listeners around cryptohelper's run in the
	// order they were added).
	var inline sync.Map // event id → struct{}
	s.OnEventType(event.EventEncrypted, func(_ context.Context, evt *event.Event) { inline.Store(evt.ID, struct{}{}) })
	helper.CustomPostDecrypt = func(ctx context.Context, evt *event.Event) {
		s.Dispatch(ctx, evt)
		if _, ok := inline.Load(evt.ID); !ok {
			a.o.Logger.Info("matrix_decrypted_late", "room", evt.RoomID, "event", evt.ID)
			a.runPending(ctx)
		}
	}
	if err := helper.Init(ctx); err != nil {
		return fmt.Errorf("%w (device %s; if its keys were made elsewhere or the database was replaced, log in anew with a new device; if %s changed, restore the old key)", err, a.cli.DeviceID, PickleKeyEnv)
	}
	s.OnEventType(event.EventEncrypted, func(_ context.Context, evt *event.Event) { inline.Delete(evt.ID) })
	a.cli.Crypto = helper
	a.o.Logger.Info("matrix_e2ee_ready", "device", a.cli.DeviceID, "identity_key", helper.Machine().OwnIdentity().IdentityKey)
	a.catchUpRooms(ctx)
	return nil
}

// beforeInvite tells whether evt is older than the invite the bot
// accepted into its room.
func (a *Adapter) beforeInvite(evt *event.Event) bool {
	raw, _ := a.o.Store.Meta(context.Background(), floorKey(evt.RoomID))
	floor, _ := strconv.ParseInt(raw, 10, 64)
	return evt.Timestamp < floor
}

// pickleKey is the key from PickleKeyEnv, or the one kept in the meta
// table (made on first use).
func (a *Adapter) pickleKey(ctx context.Context) ([]byte, error) {
	if v := strings.TrimSpace(os.Getenv(PickleKeyEnv)); v != "" {
		k, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(k) < 16 {
			return nil, fmt.Errorf("%s must be base64 of 16 or more random bytes (e.g. from `head -c 32 /dev/urandom | base64`)", PickleKeyEnv)
		}
		return k, nil
	}
	raw, err := a.o.Store.Meta(ctx, pickleKeyMeta)
	if err != nil {
		return nil, err
	}
	if raw != "" {
		k, err := base64.StdEncoding.DecodeString(raw)
		if err != nil || len(k) == 0 {
			return nil, fmt.Errorf("the pickle key in the meta table (%s) is damaged", pickleKeyMeta)
		}
		return k, nil
	}
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	if err := a.o.Store.SetMeta(ctx, pickleKeyMeta, base64.StdEncoding.EncodeToString(k)); err != nil {
		return nil, err
	}
	return k, nil
}

// cryptoDB wraps the store's database for mautrix's stores (tables
// crypto_* and mx_*, versions in crypto_version and mx_version). They
// share its connection pool, for SQLite one write connection: their
// transactions (PutDevices, ReplaceCachedMembers, schema upgrades) run
// only SQL, under the transaction's context, so they never wait for
// a second connection. Never Close the result (nor the helper): that
// closes the store's pool.
func cryptoDB(db *sql.DB) (*dbutil.Database, error) {
	dialect := ""
	switch drv := fmt.Sprintf("%T", db.Driver()); {
	case strings.Contains(strings.ToLower(drv), "sqlite"):
		dialect = "sqlite3" // dbutil's SQLite dialect; the driver is modernc's
	case strings.Contains(drv, "stdlib"), strings.Contains(drv, "pq."), strings.Contains(drv, "pgx"):
		dialect = "postgres"
	default:
		return nil, fmt.Errorf("no key store for database driver %s", drv)
	}
	return dbutil.NewWithDB(db, dialect)
}

// catchUpRooms loads the state (encryption, members) of joined rooms the
// state store has not seen whole: rooms joined before end-to-end
// encryption was turned on, or while it was off. Without it the bot
// would answer in such a room in clear text, or encrypt for nobody.
// Rooms joined later get their state from /sync.
func (a *Adapter) catchUpRooms(ctx context.Context) {
	rooms, err := a.cli.JoinedRooms(ctx)
	if err != nil {
		a.o.Logger.Warn("matrix_e2ee_rooms_failed", "error", err)
		return
	}
	n := 0
	for _, room := range rooms.JoinedRooms {
		if ok, err := a.cli.StateStore.HasFetchedMembers(ctx, room); err != nil || ok {
			continue
		}
		if _, err := a.cli.State(ctx, room); err != nil {
			a.o.Logger.Warn("matrix_e2ee_room_state_failed", "room", room, "error", err)
			continue
		}
		n++
	}
	if n > 0 {
		a.o.Logger.Info("matrix_e2ee_rooms_loaded", "rooms", n)
	}
}

// zlogWriter turns zerolog's JSON lines into slog records.
type zlogWriter struct{ l *slog.Logger }

func (w zlogWriter) Write(b []byte) (int, error) {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		w.l.Warn("matrix_crypto", "message", strings.TrimSpace(string(b)))
		return len(b), nil
	}
	level := slog.LevelWarn
	if lv, _ := m[zerolog.LevelFieldName].(string); lv == "error" || lv == "fatal" || lv == "panic" {
		level = slog.LevelError
	}
	msg, _ := m[zerolog.MessageFieldName].(string)
	if e, _ := m[zerolog.ErrorFieldName].(string); msg == "Request canceled" || strings.HasSuffix(e, context.Canceled.Error()) {
		return len(b), nil // shutting down
	}
	delete(m, zerolog.LevelFieldName)
	delete(m, zerolog.MessageFieldName)
	args := []any{"message", msg}
	for k, v := range m {
		args = append(args, k, v)
	}
	w.l.Log(context.Background(), level, "matrix_crypto", args...)
	return len(b), nil
}

// PrepareStores creates the tables of the encryption stores (crypto_*,
// mx_*) in st's database, as a first start with e2ee would: `briefbot
// import` fills them from an archive.
func PrepareStores(st *store.Store) func(context.Context) error {
	return func(ctx context.Context) error {
		db, err := cryptoDB(st.DB())
		if err != nil {
			return err
		}
		nop := dbutil.ZeroLogger(zerolog.Nop())
		if err := crypto.NewSQLCryptoStore(db, nop, "", "", []byte("unused")).DB.Upgrade(ctx); err != nil {
			return err
		}
		return sqlstatestore.NewSQLStateStore(db, nop, false).Upgrade(ctx)
	}
}

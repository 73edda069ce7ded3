//go:build !goolm

package matrix

import (
	"context"
	"errors"

	"github.com/briefbot/briefbot/store"
)

// enableCrypto: end-to-end encryption needs the pure-Go Olm
// implementation, built in with -tags goolm (as scripts/test and the
// release build do).
func (a *Adapter) enableCrypto(context.Context) error {
	return errors.New("this briefbot was built without -tags goolm, so it cannot encrypt; rebuild with -tags goolm or set matrix.e2ee: false")
}

// PrepareStores: without -tags goolm there are no encryption stores.
func PrepareStores(*store.Store) func(context.Context) error {
	return func(context.Context) error {
		return errors.New("this briefbot was built without -tags goolm, so it cannot hold Matrix encryption keys")
	}
}

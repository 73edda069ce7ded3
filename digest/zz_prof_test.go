package digest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"testing"

	"github.com/briefbot/briefbot/feeds"
)

func BenchmarkZZProf(b *testing.B) {
	eng := defaultEngine(b)
	st := benchStore(b, eng)
	ctx := context.Background()
	n := newSynthNews(b, 7)
	srcs, _ := st.Sources(ctx)
	byName := map[string]int64{}
	for _, s := range srcs {
		byName[s.Name] = s.ID
	}
	x := NewIndexer(eng, st, ClusterOptions{})
	rng := rand.New(rand.NewPCG(5, 6))
	per := map[int][]feeds.Item{}
	for k := range 1000 {
		s := rng.IntN(benchStoreOnce.stories)
		src, it := n.report(s, 100+k)
		per[src] = append(per[src], it)
	}
	for src, items := range per {
		st.SaveItems(ctx, byName[fmt.Sprintf("src%d", src)], items)
	}
	f, _ := os.Create("/tmp/zz.out")
	pprof.StartCPUProfile(f)
	x.Index(ctx)
	pprof.StopCPUProfile()
	f.Close()
}

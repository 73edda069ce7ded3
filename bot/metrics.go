package bot

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/briefbot/briefbot/store"
)

// Delivery outcomes, the outcome label of briefbot_deliveries_total.
const (
	// OutcomePosted: the platform took the message.
	OutcomePosted = "posted"
	// OutcomeFoundPosted: a retry found the message already posted by an
	// attempt cut short (bot.SentChecker), and did not post it again.
	OutcomeFoundPosted = "found_posted"
	// OutcomeRateLimited: the platform said to wait; the job waits.
	OutcomeRateLimited = "rate_limited"
	// OutcomeError: the attempt failed and will be retried.
	OutcomeError = "error"
	// OutcomePermanent: the channel cannot be posted to; its
	// subscriptions are paused and admins told.
	OutcomePermanent = "permanent"
)

// DeliveryMetrics are the delivery engine's Prometheus series:
//
//	briefbot_deliveries_total{platform,outcome}      attempts by outcome
//	briefbot_delivery_latency_seconds{platform}      commit to posted
//	briefbot_deliveries_pending                      waiting to be posted
//	briefbot_delivery_oldest_pending_seconds         age of the oldest waiting
//
// The last two are read from the database at each scrape, so on several
// replicas every one reports the whole queue.
type DeliveryMetrics struct {
	outcomes *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// NewDeliveryMetrics registers the delivery series with reg; the pending
// gauges read st.
func NewDeliveryMetrics(reg prometheus.Registerer, st *store.Store) *DeliveryMetrics {
	m := &DeliveryMetrics{
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_deliveries_total",
			Help: "Delivery attempts by platform and outcome (posted, found_posted, rate_limited, error, permanent).",
		}, []string{"platform", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "briefbot_delivery_latency_seconds",
			Help:    "Time from a delivery's commit to its post.",
			Buckets: []float64{0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600},
		}, []string{"platform"}),
	}
	reg.MustRegister(m.outcomes, m.latency, pendingCollector{st: st})
	return m
}

// outcome counts one attempt; m may be nil.
func (m *DeliveryMetrics) outcome(platform, outcome string) {
	if m != nil {
		m.outcomes.WithLabelValues(platform, outcome).Inc()
	}
}

// posted counts a post and its latency since the delivery's commit.
func (m *DeliveryMetrics) posted(platform string, created time.Time) {
	if m == nil {
		return
	}
	m.outcomes.WithLabelValues(platform, OutcomePosted).Inc()
	if !created.IsZero() {
		m.latency.WithLabelValues(platform).Observe(max(time.Since(created).Seconds(), 0))
	}
}

var (
	pendingDesc = prometheus.NewDesc("briefbot_deliveries_pending",
		"Deliveries committed and not yet posted.", nil, nil)
	oldestDesc = prometheus.NewDesc("briefbot_delivery_oldest_pending_seconds",
		"Age of the oldest delivery not yet posted (0 when none waits).", nil, nil)
)

// pendingCollector reads the queue's size from the database at scrape.
type pendingCollector struct{ st *store.Store }

func (c pendingCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- pendingDesc
	ch <- oldestDesc
}

func (c pendingCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	n, oldest, err := c.st.PendingDeliveries(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(pendingDesc, err)
		return
	}
	age := 0.0
	if !oldest.IsZero() {
		age = max(time.Since(oldest).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(pendingDesc, prometheus.GaugeValue, float64(n))
	ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, age)
}

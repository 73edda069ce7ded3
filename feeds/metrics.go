package feeds

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the poller's Prometheus series. A nil *Metrics records nothing.
type Metrics struct {
	polls         *prometheus.CounterVec
	pollErrors    *prometheus.CounterVec
	items         *prometheus.CounterVec
	fetchDuration *prometheus.HistogramVec
}

// NewMetrics registers the poller's series with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_polls_total",
			Help: "Source polls by outcome (ok, not_modified, error, skipped).",
		}, []string{"source", "status"}),
		pollErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_poll_errors_total",
			Help: "Failed source polls.",
		}, []string{"source"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_items_total",
			Help: "New items stored, by source.",
		}, []string{"source"}),
		// No source label: one histogram per source would multiply series
		// by the bucket count for little insight.
		fetchDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "briefbot_fetch_duration_seconds",
			Help:    "Time to fetch and parse one feed URL.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 20, 60},
		}, []string{"status"}),
	}
	reg.MustRegister(m.polls, m.pollErrors, m.items, m.fetchDuration)
	return m
}

// touch creates every source's series at zero, so /metrics shows them
// before anything has been counted (a rate over a missing series is no rate).
func (m *Metrics) touch(sources []Source) {
	if m == nil {
		return
	}
	for _, s := range sources {
		for _, st := range []string{StatusOK, StatusNotModified, StatusError, StatusSkipped} {
			m.polls.WithLabelValues(s.Name, st)
		}
		m.pollErrors.WithLabelValues(s.Name)
		m.items.WithLabelValues(s.Name)
	}
	for _, st := range []string{StatusOK, StatusNotModified, StatusError} {
		m.fetchDuration.WithLabelValues(st)
	}
}

func (m *Metrics) observe(r SourceReport, seconds float64) {
	if m == nil {
		return
	}
	m.polls.WithLabelValues(r.Source, r.Status).Inc()
	if r.Status == StatusError {
		m.pollErrors.WithLabelValues(r.Source).Inc()
	}
	if r.NewItems > 0 {
		m.items.WithLabelValues(r.Source).Add(float64(r.NewItems))
	}
	if r.Status != StatusSkipped {
		m.fetchDuration.WithLabelValues(r.Status).Observe(seconds)
	}
}

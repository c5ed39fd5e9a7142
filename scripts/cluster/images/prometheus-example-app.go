// Stand-in for quay.io/brancz/prometheus-example-app:v0.5.0, for the course's real-node cluster,
// which has no registry and no internet.
//
// What it imitates: it listens on :8080, answers "Hello from example application." on / (and any
// other path), counts every request in http_requests_total{code,method} and exposes, on /metrics in
// the Prometheus text format, that counter and the info gauge version{version="v0.5.0"} = 1, the two
// series the course's cells and ServiceMonitor examples query.
// What it does not: no http_request_duration_seconds histogram and no Go runtime or process metrics
// (the original uses client_golang, which adds go_* and process_*); no flags.
package main

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
)

type key struct{ code, method string }

var (
	mu    sync.Mutex
	count = map[key]int{}
)

func metrics(w http.ResponseWriter) {
	mu.Lock()
	defer mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	fmt.Fprintln(w, "# HELP http_requests_total Count of all HTTP requests")
	fmt.Fprintln(w, "# TYPE http_requests_total counter")
	keys := make([]key, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].code+keys[i].method < keys[j].code+keys[j].method })
	for _, k := range keys {
		fmt.Fprintf(w, "http_requests_total{code=%q,method=%q} %d\n", k.code, k.method, count[k])
	}
	fmt.Fprintln(w, "# HELP version Version information about this binary")
	fmt.Fprintln(w, "# TYPE version gauge")
	fmt.Fprintln(w, `version{version="v0.5.0"} 1`)
}

func main() {
	http.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) { metrics(w) })
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		count[key{strconv.Itoa(http.StatusOK), r.Method}]++
		mu.Unlock()
		fmt.Fprintln(w, "Hello from example application.")
	})
	if err := http.ListenAndServe(":8080", nil); err != nil {
		panic(err)
	}
}

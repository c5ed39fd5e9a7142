// Stand-in for registry.k8s.io/hpa-example (the php-apache image of the Kubernetes HPA walkthrough),
// for the course's real-node cluster, which has no registry and no internet.
//
// What it imitates: it listens on :80 and every GET / does what the original index.php does, a loop
// of 1,000,000 square roots (so each request costs real CPU that metrics-server and the HPA see),
// then answers "OK!".
// What it does not: there is no Apache or PHP in it, no other paths than / (everything else is 404),
// and no access log.
package main

import (
	"fmt"
	"math"
	"net/http"
)

// sink keeps the compiler from dropping the loop.
var sink float64

func burn() float64 {
	x := 0.0001
	for i := 0; i <= 1000000; i++ {
		x += math.Sqrt(x)
	}
	return x
}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		sink = burn()
		fmt.Fprint(w, "OK!")
	})
	if err := http.ListenAndServe(":80", nil); err != nil {
		panic(err)
	}
}

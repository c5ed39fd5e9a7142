// Stand-in for hashicorp/http-echo (1.0), for the course's real-node cluster, which has no registry
// and no internet.
//
// What it imitates: the flags -text (required), -listen (default :5678) and -status-code (default
// 200); every path answers the text plus a newline; /health answers {"status":"ok"}; one access log
// line per request on stdout, as the original prints them.
// What it does not: -text-file, TLS and the version endpoint's exact output.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	text := flag.String("text", "", "text to put on the webpage")
	listen := flag.String("listen", ":5678", "address and port to listen")
	status := flag.Int("status-code", http.StatusOK, "response code")
	flag.Parse()
	if *text == "" {
		fmt.Fprintln(os.Stderr, "Missing -text option!")
		os.Exit(127)
	}
	logger := log.New(os.Stdout, "", 0)
	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintln(w, `{"status":"ok"}`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-App-Name", "http-echo")
		w.Header().Set("X-App-Version", "1.0.0")
		w.WriteHeader(*status)
		fmt.Fprintln(w, *text)
	})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		mux.ServeHTTP(w, r)
		logger.Printf("%s %s %s %s %q %s", r.Host, r.RemoteAddr, r.Method, r.URL.Path, r.UserAgent(), time.Since(start))
	})
	logger.Printf("[INFO] server is listening on %s", *listen)
	if err := http.ListenAndServe(*listen, handler); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

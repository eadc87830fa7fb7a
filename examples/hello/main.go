// Command hello is the quick-start example: a tiny HTTP server that shows what a scratch image gives it
// (its user, and Tokyo time from the staged zoneinfo).
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
	addr := flag.String("addr", ":8080", "address to listen on")
	flag.Parse()
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		log.Fatalf("zoneinfo: %v", err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from a scratch image: uid %d, Tokyo time %s\n", os.Getuid(), time.Now().In(tokyo).Format(time.RFC3339))
	})
	log.Printf("listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}

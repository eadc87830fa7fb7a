// Command clock shows the two things a scratch image breaks without help: it prints one instant in the
// time zones named as arguments (zoneinfo) and, with -get, fetches an HTTPS URL (CA roots).
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	get := flag.String("get", "", "HTTPS URL to fetch")
	flag.Parse()
	failed := false
	// A fixed instant keeps the output comparable between runs.
	instant := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range flag.Args() {
		loc, err := time.LoadLocation(name)
		if err != nil {
			fmt.Printf("%s error: %v\n", name, err)
			failed = true
			continue
		}
		fmt.Printf("%s %s\n", name, instant.In(loc).Format("2006-01-02T15:04:05-07:00 MST"))
	}
	if *get != "" {
		client := &http.Client{Timeout: 10 * time.Second}
		resp, err := client.Get(*get)
		if err != nil {
			fmt.Printf("GET %s error: %v\n", *get, err)
			failed = true
		} else {
			resp.Body.Close()
			fmt.Printf("GET %s %s\n", *get, resp.Status)
		}
	}
	if failed {
		os.Exit(1)
	}
}

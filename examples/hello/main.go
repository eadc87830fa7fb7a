// Command hello is the quick-start example: a tiny program that shows what a scratch image gives it.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoneinfo:", err)
		os.Exit(1)
	}
	fmt.Printf("hello from a scratch image: uid %d, Tokyo time %s\n", os.Getuid(), time.Now().In(tokyo).Format(time.RFC3339))
}

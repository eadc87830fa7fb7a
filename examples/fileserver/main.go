// Command fileserver serves a static site from the image (staged with the action's files input) over HTTP.
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", ":8080", "address to listen on")
	root := flag.String("root", "/public", "directory to serve")
	flag.Parse()
	log.Printf("serving %s on %s", *root, *addr)
	log.Fatal(http.ListenAndServe(*addr, http.FileServer(http.Dir(*root))))
}

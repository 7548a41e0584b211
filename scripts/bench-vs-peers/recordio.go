// The Go peer of scripts/bench-vs-peers.sh: frames RecordIO streams with mesos-go's v1 reader
// (api/v1/lib/recordio, the reader mesos-go's HTTP scheduler client puts on a subscription's
// body) the way examples/bench_peers.rs frames them with the SDK.
//
//	recordio INPUT_DIR [NAME]
//
// INPUT_DIR holds recordio/manifest.tsv and the streams the Rust side wrote. Each stream is read
// through an io.Reader that hands out at most 16 KiB per Read, copied into the caller's buffer as
// an HTTP body does. Prints one line per stream: name<TAB>records/s<TAB>MB/s, best of 5 timed
// runs of a fixed number of passes (the manifest's), like the Rust side. With NAME, only that
// stream.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mesos/mesos-go/api/v1/lib/recordio"
)

const (
	repetitions = 5
	chunk       = 16 * 1024
)

// body delivers data in pieces of at most 16 KiB, like the body of a chunked HTTP response.
type body struct {
	data []byte
	off  int
}

func (b *body) Read(p []byte) (int, error) {
	if b.off >= len(b.data) {
		return 0, io.EOF
	}
	n := len(b.data) - b.off
	if n > chunk {
		n = chunk
	}
	n = copy(p, b.data[b.off:b.off+n])
	b.off += n
	return n, nil
}

// pass frames the whole stream once and returns how many records it read.
func pass(data []byte) (int, error) {
	reader := recordio.NewReader(&body{data: data})
	records := 0
	for {
		record, err := reader.ReadFrame()
		if err == io.EOF {
			return records, nil
		}
		if err != nil {
			return records, err
		}
		if len(record) > 0 {
			records++
		}
	}
}

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: recordio INPUT_DIR [NAME]")
		os.Exit(2)
	}
	dir := filepath.Join(os.Args[1], "recordio")
	manifest, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer manifest.Close()
	lines := bufio.NewScanner(manifest)
	lines.Scan() // the header
	for lines.Scan() {
		fields := strings.Split(lines.Text(), "\t")
		if len(fields) < 5 {
			continue
		}
		name := fields[0]
		if len(os.Args) == 3 && name != os.Args[2] {
			continue
		}
		passes, _ := strconv.Atoi(fields[2])
		records, _ := strconv.Atoi(fields[3])
		size, _ := strconv.Atoi(fields[4])
		data, err := os.ReadFile(filepath.Join(dir, fields[1]))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		best := time.Duration(1<<63 - 1)
		for r := 0; r < repetitions; r++ {
			start := time.Now()
			for p := 0; p < passes; p++ {
				n, err := pass(data)
				if err != nil {
					fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
					os.Exit(1)
				}
				if n != records {
					fmt.Fprintf(os.Stderr, "%s: framed %d records, the stream has %d\n", name, n, records)
					os.Exit(1)
				}
			}
			if elapsed := time.Since(start); elapsed < best {
				best = elapsed
			}
		}
		seconds := best.Seconds()
		fmt.Printf("recordio/%s\t%.1f\t%.2f\n", name,
			float64(passes*records)/seconds, float64(passes*size)/seconds/1e6)
	}
}

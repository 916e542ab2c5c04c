// proxyload measures a TCP proxy (the Gateway's proxy listener or HAProxy) and serves as its backends:
//
//	proxyload echo   -listen 127.0.0.1:21001     bytes back until the client's FIN
//	proxyload source -listen 127.0.0.1:21003     an endless stream of bytes to each client
//	proxyload connrate -target ADDR -c 50 -d 5s  connect, 64 B request, 64 B reply, close: connections/s
//	proxyload latency  -target ADDR -c 10 -d 5s  64 B request/reply on open connections: p50/p99
//	proxyload bulk     -target ADDR -c 1 -d 5s   read from a source backend: MB/s over all streams
//	proxyload idle     -target ADDR -c 2000      open that many idle connections, print "ready", hold until stdin closes
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: proxyload echo|source|connrate|latency|bulk|idle [flags]")
		os.Exit(2)
	}
	mode := os.Args[1]
	flags := flag.NewFlagSet(mode, flag.ExitOnError)
	listen := flags.String("listen", "127.0.0.1:0", "address to serve on (echo, source)")
	target := flags.String("target", "", "address to measure")
	workers := flags.Int("c", 1, "concurrent connections")
	duration := flags.Duration("d", 5*time.Second, "measuring time")
	flags.Parse(os.Args[2:])

	switch mode {
	case "echo":
		serve(*listen, func(c net.Conn) { io.Copy(c, c); c.(*net.TCPConn).CloseWrite() })
	case "source":
		block := make([]byte, 64*1024)
		serve(*listen, func(c net.Conn) {
			for {
				if _, err := c.Write(block); err != nil {
					return
				}
			}
		})
	case "connrate":
		connRate(*target, *workers, *duration)
	case "latency":
		latency(*target, *workers, *duration)
	case "bulk":
		bulk(*target, *workers, *duration)
	case "idle":
		idle(*target, *workers)
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", mode)
		os.Exit(2)
	}
}

func serve(address string, handle func(net.Conn)) {
	listener, err := net.Listen("tcp", address)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for {
		conn, err := listener.Accept()
		if err != nil {
			continue
		}
		go func() { defer conn.Close(); handle(conn) }()
	}
}

var request = make([]byte, 64)

func exchange(conn net.Conn, reply []byte) error {
	if _, err := conn.Write(request); err != nil {
		return err
	}
	_, err := io.ReadFull(conn, reply)
	return err
}

func connRate(target string, workers int, duration time.Duration) {
	var done, failed int64
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reply := make([]byte, 64)
			for time.Now().Before(deadline) {
				conn, err := net.Dial("tcp", target)
				if err == nil {
					err = exchange(conn, reply)
					conn.Close()
				}
				if err != nil {
					atomic.AddInt64(&failed, 1)
				} else {
					atomic.AddInt64(&done, 1)
				}
			}
		}()
	}
	wg.Wait()
	fmt.Printf("connrate %.0f conn/s failed %d\n", float64(done)/duration.Seconds(), failed)
}

func latency(target string, workers int, duration time.Duration) {
	var mu sync.Mutex
	var all []time.Duration
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", target)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return
			}
			defer conn.Close()
			reply := make([]byte, 64)
			var mine []time.Duration
			for time.Now().Before(deadline) {
				start := time.Now()
				if exchange(conn, reply) != nil {
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) == 0 {
		fmt.Println("latency no samples")
		return
	}
	at := func(q float64) float64 { return float64(all[int(q*float64(len(all)-1))].Microseconds()) }
	fmt.Printf("latency p50 %.0f us p99 %.0f us requests/s %.0f\n", at(0.5), at(0.99), float64(len(all))/duration.Seconds())
}

func bulk(target string, streams int, duration time.Duration) {
	var total int64
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for s := 0; s < streams; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", target)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return
			}
			defer conn.Close()
			conn.SetReadDeadline(deadline)
			buffer := make([]byte, 256*1024)
			for {
				n, err := conn.Read(buffer)
				atomic.AddInt64(&total, int64(n))
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Printf("bulk %.0f MB/s\n", float64(total)/duration.Seconds()/1e6)
}

func idle(target string, count int) {
	conns := make([]net.Conn, 0, count)
	for i := 0; i < count; i++ {
		conn, err := net.Dial("tcp", target)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		conns = append(conns, conn)
	}
	reply := make([]byte, 64)
	for _, conn := range conns {
		if err := exchange(conn, reply); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
}

// The seed's "Basic UDP Server" (seed 000) as an echo: ReadFromUDP and WriteToUDP in one loop, as written, except
// that it sends each datagram back instead of a fixed "UDP response", prints nothing per datagram, reads up to 64 KiB
// instead of 1 KiB, and takes its port from PORT.
package main

import (
	"fmt"
	"log"
	"net"
	"os"
)

func main() {
	addr, err := net.ResolveUDPAddr("udp", "127.0.0.1:"+os.Getenv("PORT"))
	if err != nil {
		log.Fatalf("Failed to resolve address: %v", err)
	}

	conn, err := net.ListenUDP("udp", addr)
	if err != nil {
		log.Fatalf("Failed to listen: %v", err)
	}
	defer conn.Close()

	fmt.Println("UDP server listening on", addr)

	buffer := make([]byte, 65536)

	for {
		n, clientAddr, err := conn.ReadFromUDP(buffer)
		if err != nil {
			log.Printf("Read error: %v", err)
			continue
		}

		_, err = conn.WriteToUDP(buffer[:n], clientAddr)
		if err != nil {
			log.Printf("Write error: %v", err)
		}
	}
}

# A clearly I/O-bound program for the end-to-end tests: a client talks to a slow loopback server
# (each reply takes 10 ms) for ~0.3 s, so the time goes to socket waits, not to computing.
import socket
import sys
import threading
import time


def serve(listener):
    conn, _ = listener.accept()
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                return
            time.sleep(0.01)  # the slow backend
            conn.sendall(data)


def main():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(10)  # never hang a test run
    threading.Thread(target=serve, args=(listener,), daemon=True).start()
    with socket.create_connection(listener.getsockname(), timeout=10) as client:
        for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 25):
            client.sendall(b"request %d" % i)
            client.recv(1024)
    listener.close()


main()

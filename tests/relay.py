"""A TCP relay: `python tests/relay.py LISTEN_PORT TARGET_PORT` forwards loopback
connections to TARGET_PORT. Stopped with SIGSTOP it behaves like a frozen server: new
connections are accepted by the kernel and data is acknowledged, but nothing comes back."""

import contextlib
import selectors
import socket
import sys


def main(listen_port: int, target_port: int) -> None:
    selector = selectors.DefaultSelector()
    server = socket.create_server(("127.0.0.1", listen_port))
    selector.register(server, selectors.EVENT_READ)
    peers: dict[socket.socket, socket.socket] = {}
    while True:
        for key, _ in selector.select():
            sock = key.fileobj
            if sock is server:
                client, _ = server.accept()
                upstream = socket.create_connection(("127.0.0.1", target_port))
                peers[client], peers[upstream] = upstream, client
                selector.register(client, selectors.EVENT_READ)
                selector.register(upstream, selectors.EVENT_READ)
                continue
            data = b""
            with contextlib.suppress(OSError):  # a reset connection: closed below
                data = sock.recv(65536)
            other = peers.get(sock)
            if data and other is not None:
                other.sendall(data)
                continue
            for end in (sock, other):
                if end is not None and end in peers:
                    selector.unregister(end)
                    peers.pop(end)
                    end.close()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))

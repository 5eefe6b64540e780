"""A TCP proxy on loopback that refuses, resets, delays and cuts connections.

Bounded: every connection is handled by a daemon thread with socket
timeouts, and ``stop()`` closes the listener and all live sockets.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time

from tests.central_server import free_port


class FaultyProxy:
    def __init__(self, upstream_port: int, seed: int = 1, fault_rate: float = 0.35) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.port = free_port()
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.faults: dict[str, int] = {}
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.2)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._stop.set()
        self._listener.close()
        with self._lock:
            for s in self._sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()
        self._thread.join(5)

    def _count(self, fault: str) -> None:
        with self._lock:
            self.faults[fault] = self.faults.get(fault, 0) + 1

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                fault = "pass"
                if self.rng.random() < self.fault_rate:
                    fault = self.rng.choice(("refuse", "reset", "delay", "cut"))
                # even a good connection is cut some time into its life,
                # mid-response, since the client keeps connections alive
                cut_after = (self.rng.randint(50, 30_000) if fault == "cut"
                             else self.rng.randint(20_000, 400_000))
                self._sockets.append(client)
            self._count(fault)
            threading.Thread(target=self._handle, args=(client, fault, cut_after),
                             daemon=True).start()

    def _handle(self, client: socket.socket, fault: str, cut_after: int) -> None:
        client.settimeout(30)
        if fault == "refuse":
            client.close()
            return
        if fault == "reset":
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
            return
        if fault == "delay":
            time.sleep(self.rng.uniform(0.1, 0.8))
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        with self._lock:
            self._sockets.append(upstream)
        limit = cut_after
        threading.Thread(target=self._pump, args=(client, upstream, None), daemon=True).start()
        self._pump(upstream, client, limit)

    def _pump(self, src: socket.socket, dst: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while not self._stop.is_set():
                data = src.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) > limit:
                    dst.sendall(data[: max(0, limit - sent)])
                    break  # cut mid-response
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                # shutdown first: close() alone does not reach the peer while the
                # other pump thread is still blocked in recv() on the same socket
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()


class HoldingProxy:
    """A loopback proxy to central whose answers the test decides, by events.

    ``mode``: ``"pass"`` forwards; ``"hold"`` keeps each request (``held`` is set
    when one arrives) until :meth:`release`, as a central answering in 10 s or never;
    ``"error"`` answers HTTP 503 without asking central; ``"refuse"`` closes the
    connection at once (central unreachable). Every wait is bounded.
    """

    def __init__(self, upstream_port: int, mode: str = "pass") -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.port = free_port()
        self.mode = mode
        #: a request arrived and is being held
        self.held = threading.Event()
        #: the request line of each request seen ("GET /v1/… HTTP/1.1"), in order
        self.request_lines: list[str] = []
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.2)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def release(self) -> None:
        """Held requests go on to central, and later ones pass."""
        self.mode = "pass"
        self._release.set()

    def stop(self) -> None:
        self._stop.set()
        self._release.set()
        self._listener.close()
        with self._lock:
            for s in self._sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()
        self._thread.join(5)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self._sockets.append(client)
            threading.Thread(target=self._handle, args=(client, self.mode),
                             daemon=True).start()

    def _handle(self, client: socket.socket, mode: str) -> None:
        # the mode is decided per request, not per connection: the client keeps its
        # connections alive, so a request may come on one opened while all passed
        client.settimeout(30)
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        with self._lock:
            self._sockets.append(upstream)
        threading.Thread(target=_pump, args=(upstream, client, self._stop),
                         daemon=True).start()
        try:
            while not self._stop.is_set():
                data = client.recv(65536)
                if not data:
                    break
                mode = self.mode
                first = data.split(b"\r\n", 1)[0]
                if first.split(b" ", 1)[0] in (b"GET", b"POST", b"PUT", b"DELETE"):
                    self.request_lines.append(first.decode("latin-1"))
                if mode == "refuse":
                    break
                if mode == "error":
                    body = b'{"title": "unavailable"}'
                    client.sendall(b"HTTP/1.1 503 Service Unavailable\r\n"
                                   b"Content-Type: application/problem+json\r\n"
                                   b"Content-Length: " + str(len(body)).encode() +
                                   b"\r\nConnection: close\r\n\r\n" + body)
                    break
                if mode == "hold":
                    self.held.set()
                    self._release.wait(60)
                    if self._stop.is_set():
                        break
                upstream.sendall(data)
        except OSError:
            pass
        finally:
            for s in (client, upstream):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()


def _pump(src: socket.socket, dst: socket.socket, stop: threading.Event) -> None:
    try:
        while not stop.is_set():
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()

"""A TCP proxy that a test can cut and restore: a database (or any server)
"going away" without stopping the shared server itself.

    proxy = TcpProxy("127.0.0.1", 5432)
    await proxy.start()            # listens on 127.0.0.1:proxy.port
    await proxy.cut()              # drop every open connection, refuse new ones
    proxy.restore()                # accept and forward again
    await proxy.stop()

While cut, the listening socket stays bound (so the port is not reused) but
every new connection is closed at once, which clients see as a reset, as
when the database host is up but PostgreSQL is not.
"""

from __future__ import annotations

import asyncio
import contextlib

# Bytes read per chunk while forwarding.
CHUNK_BYTES = 64 * 1024


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.up = True
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._pairs: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def cut(self) -> None:
        """Refuse new connections and reset the open ones."""
        self.up = False
        for client, upstream in list(self._pairs):
            for writer in (client, upstream):
                transport = writer.transport
                if transport is not None:
                    transport.abort()
        self._pairs.clear()
        await asyncio.sleep(0)

    def restore(self) -> None:
        self.up = True

    async def stop(self) -> None:
        await self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.up:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self.connections += 1
        pair = (writer, up_writer)
        self._pairs.add(pair)
        loop = asyncio.get_running_loop()
        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = loop.create_task(self._pipe(src, dst, pair))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter,
                    pair: tuple[asyncio.StreamWriter, asyncio.StreamWriter]) -> None:
        try:
            while data := await src.read(CHUNK_BYTES):
                dst.write(data)
                await dst.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._pairs.discard(pair)
            for writer in pair:
                with contextlib.suppress(Exception):
                    writer.close()

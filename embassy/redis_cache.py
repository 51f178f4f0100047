"""Django's Redis cache, with one Redis client per process and announcements of a counter.

Django's RedisCacheClient makes a new `redis.Redis` for every get or set. redis-py 8 builds
its table of response callbacks in that constructor, which costs about 1 ms: more than the
round trip itself, and paid on every page served from the page cache. The client is safe to
share between threads and takes its connections from its pool, which redis-py resets after a
fork, so one client per server does: made here from redis-py's public API (the pool class's
from_url), the first server for writing, the others (if any) for reading, as Django's do.

The page cache's generation counter is changed and announced in one step (a script runs
atomically: no change without its announcement), so that every process can listen instead of
asking (embassy/pagecache/watch.py).
"""

import random
import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.module_loading import import_string
from redis import ConnectionPool, Redis
from redis.client import PubSub
from redis.connection import DefaultParser

# Increment the counter, or set it to ARGV[1] when it is missing (a counter started again at 1
# could meet pages stored under an old 1), and announce it on channel ARGV[2].
CHANGE_AND_ANNOUNCE = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('INCR', KEYS[1])
else
    redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('PUBLISH', ARGV[2], '1')
"""

# How long subscribing may wait for the server's confirmation.
SUBSCRIBE_SECONDS = 1.0


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, serializer=None, pool_class=None, parser_class=None, **options):
        super().__init__(servers, serializer, pool_class, parser_class, **options)
        if isinstance(pool_class, str):
            pool_class = import_string(pool_class)
        if isinstance(parser_class, str):
            parser_class = import_string(parser_class)
        self._urls = list(servers)
        self._new_pool = pool_class or ConnectionPool
        self._connection_options = {"parser_class": parser_class or DefaultParser, **options}
        self._clients = {}
        self._making = threading.Lock()
        self._change_and_announce = None

    def _client_of(self, url):
        client = self._clients.get(url)
        if client is None:
            with self._making:  # two threads at once would open two pools to one server
                client = self._clients.get(url)
                if client is None:
                    pool = self._new_pool.from_url(url, **self._connection_options)
                    client = self._clients[url] = Redis(connection_pool=pool)
        return client

    def get_client(self, key=None, *, write=False):
        if write or len(self._urls) == 1:
            return self._client_of(self._urls[0])
        return self._client_of(random.choice(self._urls[1:]))

    def change_and_announce(self, key, initial, channel):
        if self._change_and_announce is None:
            self._change_and_announce = self.get_client(write=True).register_script(
                CHANGE_AND_ANNOUNCE
            )
        self._change_and_announce(keys=[key], args=[initial, channel])


class Announcements(PubSub):
    """A subscription to one channel, read without waiting.

    redis-py reconnects a subscription by itself after an error; whatever was announced while
    it was away is lost, so a reconnection counts as an announcement.
    """

    def __init__(self, connection_pool, channel):
        super().__init__(connection_pool, ignore_subscribe_messages=False)
        self.reconnected = False
        self.subscribe(channel)
        confirmation = self.get_message(timeout=SUBSCRIBE_SECONDS)
        if confirmation is None or confirmation["type"] != "subscribe":
            self.close()
            raise ConnectionError(f"Redis did not confirm the subscription to {channel}")

    def on_connect(self, connection):
        self.reconnected = True
        super().on_connect(connection)

    def any_since_last_read(self):
        """Whether anything was announced (or may have been) since the last call. Reads what
        has arrived, never waits; raises if the connection is lost."""
        if not self.reconnected and not self.connection.can_read(timeout=0):
            return False  # the usual case, and the cheapest question to ask
        announced = False
        while (message := self.get_message(timeout=0)) is not None:
            announced = announced or message["type"] == "message"
        if self.reconnected:
            self.reconnected = False
            return True
        return announced


class SharedClientRedisCache(RedisCache):
    # Tells the page cache that this cache can announce its changes.
    announces = True

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def change_and_announce(self, key, initial, channel):
        """Increment `key` (or set it to `initial` if missing) and announce it on `channel`."""
        self._cache.change_and_announce(
            self.make_and_validate_key(key), initial, self.make_and_validate_key(channel)
        )

    def listen(self, channel):
        """A subscription to `channel` (see Announcements), confirmed by the server."""
        pool = self._cache.get_client().connection_pool
        return Announcements(pool, self.make_and_validate_key(channel))

"""Django's Redis cache, with one Redis client per process instead of one per cache call.

Django's RedisCacheClient makes a new `redis.Redis` for every get or set. redis-py 8 builds
its table of response callbacks in that constructor, which costs about 1 ms: more than the
round trip itself, and paid on every page served from the page cache. The client is safe to
share between threads and takes its connections from the pool, which redis-py resets after a
fork, so one per connection pool does.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

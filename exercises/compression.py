"""Django's gzip middleware, compressing at a level chosen for pages rendered on demand.

Django compresses at level 6. For an exercise page (15 KB of HTML) that was a seventh of the
work of rendering it uncached. Level 3 needs about 60 % of that work, and the page comes out
7 % larger (4.7 KB instead of 4.4 KB): levels 1 to 3 use zlib's fast strategy, and 3 gives
its smallest output for nearly the same time. Cached pages are then sent as these bytes.

Everything else is as in Django: the BREACH padding (a random-length gzip file name), `Vary`,
weak ETags, and leaving streaming, already encoded or tiny responses to Django's code.
"""

import gzip
import secrets

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

LEVEL = 3


def compress(data: bytes, max_random_bytes: int) -> bytes:
    """django.utils.text.compress_string at LEVEL, padded the same way."""
    compressed = gzip.compress(data, compresslevel=LEVEL, mtime=0)
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    filename = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + filename + compressed[10:]


class FastGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.streaming:
            return super().process_response(request, response)
        # GZipMiddleware.process_response for a complete body, at LEVEL.
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = compress(response.content, self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response

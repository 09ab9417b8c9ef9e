"""Videos from YouTube and Vimeo, embedded only when a reader asks.

An editor pastes the video's address; the page shows a drawn still with a play button and
loads nothing from the video host until the reader clicks (static/js/site.js). The player
comes from the hosts' privacy-enhanced addresses, the only hosts the page's CSP lets it
frame (exercises.views).
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

YOUTUBE_EMBED = "https://www.youtube-nocookie.com"
VIMEO_EMBED = "https://player.vimeo.com"
FRAME_HOSTS = (YOUTUBE_EMBED, VIMEO_EMBED)

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class Video:
    host: str  # "YouTube" or "Vimeo"
    id: str

    @property
    def embed_url(self) -> str:
        """The player, privacy-enhanced (no cookies until played), starting on load."""
        if self.host == "YouTube":
            return f"{YOUTUBE_EMBED}/embed/{self.id}?autoplay=1&rel=0"
        return f"{VIMEO_EMBED}/video/{self.id}?autoplay=1&dnt=1"

    @property
    def watch_url(self) -> str:
        """The video on its host's own page, for readers without JavaScript."""
        if self.host == "YouTube":
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://vimeo.com/{self.id}"


def parse_video(url: str) -> Video | None:
    """The video a YouTube or Vimeo address shows, or None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    path = [part for part in parts.path.split("/") if part]
    candidate = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if path[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(path) == 2 and path[0] in ("embed", "shorts", "live", "v"):
            candidate = path[1]
        return Video("YouTube", candidate) if YOUTUBE_ID.match(candidate) else None
    if host == "youtu.be" and len(path) == 1:
        return Video("YouTube", path[0]) if YOUTUBE_ID.match(path[0]) else None
    if host == "vimeo.com" and path:
        candidate = path[-1] if VIMEO_ID.match(path[-1]) else path[0]
    elif host == "player.vimeo.com" and path[:1] == ["video"] and len(path) == 2:
        candidate = path[1]
    return Video("Vimeo", candidate) if VIMEO_ID.match(candidate) else None


def validate_video_url(url: str) -> None:
    if url and parse_video(url) is None:
        raise ValidationError(
            "Paste the address of one YouTube or Vimeo video, e.g. "
            "https://www.youtube.com/watch?v=… or https://vimeo.com/123456.",
            code="not_a_video",
        )

"""What goes wrong while reading an article, with the line it went wrong on."""


class ArticleError(Exception):
    """A file or text that cannot be imported. Nothing of it is saved."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"

    def located(self, source: str) -> str:
        """The `path:line: message` form editors' tools and terminals understand."""
        return f"{source}:{self.line}: {self.message}"

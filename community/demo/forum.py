"""Demo forum threads (filled below)."""


def load_demo_forum() -> None:
    return None

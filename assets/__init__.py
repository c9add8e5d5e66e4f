"""Package data: assets shipped with Parley (read through game.resources)."""

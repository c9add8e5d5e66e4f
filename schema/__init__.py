"""Package data: schema shipped with Parley (read through game.resources)."""

"""Package data: scenarios shipped with Parley (read through game.resources)."""

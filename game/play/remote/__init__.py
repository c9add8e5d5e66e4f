"""A seat at a class table on another computer: the pure half of the class network.

`protocol` (messages, the per-seat scenario), `seat` (a seat's mirror of its
table), `link` (the reconnecting WebSocket client) and `player` (a seat played
headless by a strategy). No Starlette, no uvicorn, no pygame: the host
(`game.net`) and the game window (`game.app`) both build on this.
"""

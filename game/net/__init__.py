"""The network front end: a class on many desktops (`parley host`, `parley join`).

`protocol` (messages, the per-seat scenario), `seat` (a seat's mirror of its table)
and `link` (the reconnecting WebSocket client) are pure: no Starlette, no uvicorn,
no pygame, so a student's client pays nothing for the server. The host side is
`security`, `journal`, `classroom`, `server` and `host`.
"""

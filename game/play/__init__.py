"""Playing whole games: the layer between the agents and the front ends.

`match` runs one game between two players (an AI strategy or a person), `tournament`
plays strategies against each other, `scenariotest` runs the tests written inside a
scenario, `autosave` keeps a game in progress safe, `results` writes and reads the one
results format every front end shares, `catalog` turns a shipped scenario's name into
its file, and `check` loads and checks a scenario the way `parley check` does.
Nothing here imports the command line, the client, the class report or the network host.
"""

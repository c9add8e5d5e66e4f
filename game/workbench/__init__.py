"""The teacher's workbench: tools for writing and preparing scenarios.

- `starter`: a new scenario file, from the commented template or a copy (`parley new`);
- `balance`: how even a scenario is, with what-if suggestions (`parley balance`);
- `handouts`: print-ready HTML sheets per role and for the teacher (`parley handouts`).

Nothing here imports the client; the command-line front ends live in `game/cli/`.
"""

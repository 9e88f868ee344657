"""The command line's commands that have a module of their own (``corridors.cli`` wires them)."""

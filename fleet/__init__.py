"""The organisation's services made from this template: which release each is on, and updates started at once.

Run from the template repository: `uv run python -m fleet --help`.
"""

"""Benchmark: the template's Dockerfile against a naive one and the article's, on the same app.

Run it with `uv run python -m bench`; see bench/README.md.
"""

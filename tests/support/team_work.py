"""What a service's team adds after generating it, for updates to keep: a route and a README section."""

from __future__ import annotations

USER_ROUTE = '\n\n@app.get("/team")\ndef team() -> dict[str, str]:\n    return {"team": "payments"}\n'
USER_README = "\n## On call\n\nThe payments team answers pages for this service.\n"
# The team's own title for the generated README, on a line that a release may rewrite too.
TEAMS_README_TITLE = "# Example Service (payments team)\n"

"""Routes that tests add to the generated app before building it, as a user adds their own."""

from __future__ import annotations

from pathlib import Path

SLOW_SECONDS = 2
# A request that is still in flight when the container is told to stop; its body is "finished" as plain
# text, whatever the framework (FastAPI would make a returned string JSON).
SLOW_ROUTES = {
    "flask": f"""

@app.get("/slow")
def slow() -> str:
    import time

    time.sleep({SLOW_SECONDS})
    return "finished"
""",
    "fastapi": f"""

from fastapi.responses import PlainTextResponse  # noqa: E402


@app.get("/slow", response_class=PlainTextResponse)
def slow() -> str:
    import time

    time.sleep({SLOW_SECONDS})
    return "finished"
""",
}
# A request that fails with 500, after a record of the app's own logging.
FAILING_ROUTE_WARNING = "about to fail on purpose"
FAILING_ROUTE = f"""

@app.get("/fail")
def fail() -> str:
    import logging

    logging.getLogger(__name__).warning("{FAILING_ROUTE_WARNING}")
    raise RuntimeError("failed on purpose")
"""


def add_routes(app_module: Path, *routes: str) -> None:
    app_module.write_text(app_module.read_text() + "".join(routes))

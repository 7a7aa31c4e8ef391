"""The template's image for each platform, built cold on the base image that both platforms share here."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from harness.images import build_image
from harness.layers import file_count, image_size_mb
from harness.platforms import EMULATED, EMULATED_BASE_IMAGE, HOST

from .builds import cold_build_options
from .project import render_default_project

PLATFORMS = {platform.name: platform for platform in (HOST, EMULATED)}


def figures_for_platforms(workdir: Path, args: argparse.Namespace, tags: list[str]) -> dict[str, dict[str, float]]:
    """Per platform: the cold build of the default project on EMULATED_BASE_IMAGE, its image's size and files.

    The machine builds one of them under emulation, so the figures say what
    emulation costs here, not what a native runner of that platform takes.
    """
    project = render_default_project(workdir, base_image=EMULATED_BASE_IMAGE.name)
    figures = {}
    for name in args.platforms:
        platform = PLATFORMS[name]
        print(f"{name}: cold build on {EMULATED_BASE_IMAGE.name}", file=sys.stderr, flush=True)
        tag = f"uv-docker-template-bench-{os.getpid()}-{platform.arch}:cold"
        tags.append(tag)
        build = build_image(project, tag, platform=platform, options=cold_build_options(not args.keep_build_cache))
        figures[name] = {"cold_build_s": build.seconds, "image_mb": image_size_mb(tag), "image_files": file_count(tag)}
    return figures

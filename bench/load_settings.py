"""Settings for bench/page_load.py's server: the project's, plus a trivial view to compare pages with."""

from careerpath.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
